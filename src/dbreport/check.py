"""check: Observation[] -> Finding[]: the data problems a reader should know about.

Nothing here changes a figure. A conflict (the same indicator, period and kind stated with two
values), parts that do not add up to their total, a share outside 0-100 and a repair the parser
was not sure of are reported with both sources, so the brief can show them and a person decides.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from dbreport.model import Document, Finding, Observation

#: Sector values that make up a total (DESIGN.md: "parts that do not add up to their total").
PARTS_OF = {"grdp": ("grdp_agri", "grdp_industry", "grdp_services", "grdp_taxes")}
#: Lines within which two figures are taken to be one passage's items rather than restatements.
NEAR = 10
#: Relative gap tolerated between a sum of parts and the total: the texts round each part.
TOLERANCE = Decimal("0.005")


def find_problems(observations: list[Observation], documents: list[Document] | None = None) -> list[Finding]:
    return conflicts(observations) + parts_not_adding_up(observations) + shares_out_of_range(observations) + unsure_repairs(observations)


def conflicts(observations: list[Observation]) -> list[Finding]:
    """The same indicator, period, kind and unit stated with different values in different places.

    Figures on neighbouring lines are one sentence's list of sub-items (`811 vị trí ... 820 vị
    trí`) more often than a contradiction, so only statements at least `NEAR` lines apart (or in
    different documents) are compared: the summary restating a section is what this catches.
    """
    groups: dict[tuple, list[Observation]] = defaultdict(list)
    for o in observations:
        if o.indicator and o.kind != "rank" and not {"table", "range_high", "denominator"} & set(o.flags):
            groups[(o.indicator, o.period, o.kind, o.unit)].append(o)
    found = []
    for (indicator, period, _kind, _unit), group in sorted(groups.items(), key=lambda kv: str(kv[0])):
        pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1:] if a.value != b.value and far_apart(a, b)]
        if pairs:
            first = {}
            for o in (o for pair in pairs for o in pair):
                first.setdefault(o.value, o)
            values = sorted(first)
            found.append(Finding("conflict", indicator, period, tuple(values), tuple(first[v].ref for v in values)))
    return found


def far_apart(a: Observation, b: Observation) -> bool:
    return a.source != b.source or abs(a.line - b.line) > NEAR


def parts_not_adding_up(observations: list[Observation]) -> list[Finding]:
    levels = {(o.indicator, o.period, o.source): o for o in observations
              if o.kind in ("actual", "estimate") and o.indicator and "table" not in o.flags}
    found = []
    for (indicator, period, source), total in sorted(levels.items(), key=lambda kv: str(kv[0])):
        part_ids = PARTS_OF.get(indicator)
        if not part_ids:
            continue
        parts = [levels.get((p, period, source)) for p in part_ids]
        if any(p is None for p in parts) or any(p.unit != total.unit for p in parts):
            continue
        summed = sum(p.value for p in parts)
        if abs(summed - total.value) > TOLERANCE * abs(total.value):
            found.append(Finding("parts_do_not_add_up", indicator, period, (total.value, summed),
                                 (total.ref, *(p.ref for p in parts)), detail=f"sum of parts {summed}"))
    return found


def shares_out_of_range(observations: list[Observation]) -> list[Finding]:
    return [Finding("share_out_of_range", o.indicator, o.period, (o.value,), (o.ref,))
            for o in observations if o.kind == "share" and o.unit == "pct" and not 0 <= o.value <= 100]


def unsure_repairs(observations: list[Observation]) -> list[Finding]:
    return [Finding("suspicious_repair", o.indicator, o.period, (o.value,), (o.ref,), detail=flag)
            for o in observations for flag in o.flags if flag == "typo_repaired"]
