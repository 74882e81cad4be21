"""check: Observation[] -> Finding[]: the data problems a reader should know about.

Nothing here changes a figure. A conflict (the same indicator, period and kind stated with two
values), parts that do not add up to their total, a share outside 0-100 and a repair the parser
was not sure of are reported with both sources, so the brief can show them and a person decides.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from dbreport.model import Document, Finding, Observation
from dbreport.periods import end_year

#: Sector values that make up a total (DESIGN.md: "parts that do not add up to their total").
PARTS_OF = {"grdp": ("grdp_agri", "grdp_industry", "grdp_services", "grdp_taxes")}
AT_LEAST = ("trên", "hơn", "tối thiểu", "ít nhất", ">", "≥", "từ")
AT_MOST = ("dưới", "chưa đến", "tối đa", "<", "≤")
#: Lines within which two figures are taken to be one passage's items rather than restatements.
NEAR = 10
#: Relative gap tolerated between a sum of parts and the total: the texts round each part.
TOLERANCE = Decimal("0.005")


def find_problems(observations: list[Observation], documents: list[Document] | None = None) -> list[Finding]:
    return (conflicts(observations, documents or []) + parts_not_adding_up(observations)
            + two_standards(observations) + shares_of_target_off(observations) + shares_out_of_range(observations)
            + unsure_repairs(observations)
            + unsure_ocr(observations))


def conflicts(observations: list[Observation], documents: list[Document] = ()) -> list[Finding]:
    """The same quantity stated with different values in different places: the same territory,
    indicator, period, kind, unit and basis (a yearly average is not a total), within a document
    (the congress report's body against its appendix table) or across documents.

    Figures on neighbouring lines are one sentence's list of sub-items (`811 vị trí ... 820 vị
    trí`) more often than a contradiction, so only statements at least `NEAR` lines apart (or in
    different documents) are compared: the summary restating a section is what this catches.
    Footnotes are left out: they break a figure down (`Tăng 6 ha tại hộ cá thể ...`) rather than
    restate it. (Nor are they checked against the figure they explain: `tăng tập trung ở huyện Tuần
    Giáo (564,52ha) và Mường Nhé (103,53ha)` of a net 574,86 ha is no contradiction when other
    districts fell.)
    """
    docs = {d.source: d for d in documents}
    in_footnotes = {(d.source, n) for d in documents for n, reason in d.set_aside.items() if reason.startswith("footnote")}
    groups: dict[tuple, list[Observation]] = defaultdict(list)
    for o in observations:
        if (o.source, o.line) in in_footnotes:
            continue
        if o.indicator and o.kind != "rank" and not {"range_high", "denominator"} & set(o.flags):
            groups[same_quantity(o, docs.get(o.source))].append(o)
    found = []
    for (_territory, indicator, period, kind, unit, basis), group in sorted(groups.items(), key=lambda kv: str(kv[0])):
        pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1:] if differ(a, b) and far_apart(a, b)]
        if pairs:
            first = {}
            for o in (o for pair in pairs for o in pair):
                first.setdefault(o.value, o)
            values = sorted(first)
            periods = {first[v].period for v in values}  # the figures' own period when they share one
            found.append(Finding("conflict", indicator, periods.pop() if len(periods) == 1 else period, tuple(values),
                                 tuple(first[v].ref for v in values),
                                 kind=kind if kind != "level" else first[values[0]].kind, unit=unit,
                                 detail="annual_average" if "annual_average" in basis else ""))
    return found


LEVELS = ("actual", "estimate", "ratio", "share")


def same_quantity(o: Observation, doc: Document | None) -> tuple:
    """What two statements must share to contradict each other. A level is a level whether the
    text says `đạt` or `ước đạt`; a term report's rate or share of target with no year of its own
    stands for the term's last year (the appendix's `Ước TH 2025` column), while its amounts may be
    totals over the term and are left as they are; an unnamed territory is only its own."""
    territory = (doc.territory if doc else None) or f"? {o.source}"
    period = o.period
    if doc and "/" in doc.period and period == doc.period and (o.kind == "plan_pct" or o.kind in LEVELS and o.unit == "pct"):
        period = str(end_year(doc.period))
    kind = "level" if o.kind in LEVELS else o.kind
    basis = "annual_average" if "annual_average" in o.flags and o.kind != "plan_pct" else ""
    # an aimed change (`giảm 4,01%`) is not the level aimed at (`chiếm khoảng 9,64%`); a figure stated
    # under a named standard (`theo chuẩn nghèo giai đoạn 2016-2020`) is not one under another
    basis += "".join(sorted(f" {f}" for f in o.flags if f in ("target_reduction", "target_increase") or f.startswith("standard_")))
    return territory, o.indicator, period, kind, o.unit, basis


def differ(a: Observation, b: Observation) -> bool:
    """Different values, beyond writing one of them rounded (`2.062` and `2.062,3 tỷ đồng` agree)
    or as a bound the other keeps (`trên 80%` and `82,33%` agree)."""
    places = min(-a.value.as_tuple().exponent, -b.value.as_tuple().exponent, 6)
    quantum = Decimal(1).scaleb(-max(places, 0))
    if a.value.quantize(quantum, ROUND_HALF_UP) == b.value.quantize(quantum, ROUND_HALF_UP):
        return False
    if a.unit == b.unit == "pct" and abs(a.value - b.value) <= Decimal("0.01"):
        return False  # `vượt 11,33%` and `111,34%`: one ratio (111.336%) rounded two ways
    return not (within_bound(a, b.value) or within_bound(b, a.value))


def within_bound(o: Observation, value: Decimal) -> bool:
    """Whether `value` is what `o`'s qualifier allows: `trên 80` any value above 80."""
    if o.qualifier in AT_LEAST:
        return value >= o.value
    if o.qualifier in AT_MOST:
        return value <= o.value
    return False


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


def two_standards(observations: list[Observation]) -> list[Finding]:
    """One quantity a document gives under two named standards (`12,73% ... theo chuẩn nghèo giai đoạn
    2016-2020`; `Theo chuẩn nghèo đa chiều mới giai đoạn 2021-2025 ... 17,66%`): no conflict, but no
    reader should compare either with a target or an older value without knowing. A figure whose
    sentence names no subject (no indicator) joins the one indicator its document states under a
    standard for the same period and unit. `detail` lists each value's standard, in value order."""
    under = [o for o in observations if o.kind in LEVELS and standard_of(o)]
    groups: dict[tuple, list[Observation]] = defaultdict(list)
    for o in under:
        named = {u.indicator for u in under if u.indicator and (u.source, u.period, u.unit) == (o.source, o.period, o.unit)}
        if len(named) == 1:
            groups[(o.source, named.pop(), o.period, o.unit)].append(o)
    found = []
    for (_source, indicator, period, unit), group in sorted(groups.items(), key=lambda kv: str(kv[0])):
        by_value = {o.value: o for o in sorted(group, key=lambda o: o.value)}
        if len({standard_of(o) for o in by_value.values()}) > 1 and len(by_value) > 1:
            found.append(Finding("two_standards", indicator, period, tuple(by_value), tuple(o.ref for o in by_value.values()),
                                 detail=";".join(standard_of(o) for o in by_value.values()), unit=unit))
    return found


def shares_of_target_off(observations: list[Observation]) -> list[Finding]:
    """A table row whose stated share of target cannot come from its own target and result, however
    each was rounded (`95.000 | 27.948 | 100%`; `8.700 | 9.200 | 113,5%`): one of the three is wrong,
    and the source does not say which. Only amounts (money, counts, tonnes) in one unit with no
    bound or `khoảng`: a rate's "share of target" may be a gap in points. `values` are the target's
    low and high ends (equal unless a range), the result and the stated share."""
    found = []
    for indicator, row in table_rows(observations):
        results = [o for o in row if o.kind in ("actual", "estimate")]
        stated = [o for o in row if o.kind == "plan_pct"]
        if len(results) != 1 or len(stated) != 1 or results[0].unit in ("pct", "pp") or results[0].qualifier:
            continue
        result = results[0]
        targets = [o for o in row if o.kind == "target" and o.period == result.period and o.unit == result.unit
                   and not o.qualifier and "range_high" not in o.flags]
        if len(targets) != 1:
            continue
        target = targets[0]
        low, high = share_bounds(result, target)
        share, half = stated[0].value, half_unit(stated[0].value)
        if share + half < low or share - half > high:
            found.append(Finding("share_of_target_off", indicator, result.period,
                                 (target.value, target.value_high or target.value, result.value, share),
                                 (target.ref, result.ref, stated[0].ref), unit=result.unit))
    return found


ROW_LINES = 3  # a table row wrapped by the PDF dump spans a few lines (`8.000-` / `8.300` / `8.500 107,6%`)


def table_rows(observations: list[Observation]) -> list[tuple[str, list[Observation]]]:
    """(indicator, figures) of each table row: an indicator's table figures on lines at most ROW_LINES
    apart. Two rows of one indicator that close (GRDP's level and its growth) make one group, which
    holds two results and is then read as nothing."""
    by_indicator: dict[tuple, list[Observation]] = defaultdict(list)
    for o in observations:
        if "table" in o.flags and o.indicator and "denominator" not in o.flags:
            by_indicator[(o.source, o.indicator)].append(o)
    rows = []
    for (_source, indicator), figures in sorted(by_indicator.items()):
        figures.sort(key=lambda o: (o.line, o.start))
        row = [figures[0]]
        for o in figures[1:]:
            if o.line - row[-1].line > ROW_LINES:
                rows.append((indicator, row))
                row = []
            row.append(o)
        rows.append((indicator, row))
    return rows


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last digit written: `27.948` may be anything from 27.947,5 to 27.948,5."""
    return Decimal(5).scaleb(value.as_tuple().exponent - 1)


def share_bounds(result: Observation, target: Observation) -> tuple[Decimal, Decimal]:
    """The lowest and highest result / target in % that the written (rounded) numbers allow; a range
    target (`8.000-8.300`) spans both ends."""
    top = target.value_high if target.value_high is not None else target.value
    r, t_low, t_high = half_unit(result.value), target.value - half_unit(target.value), top + half_unit(top)
    return (result.value - r) / t_high * 100, (result.value + r) / t_low * 100


def standard_of(o: Observation) -> str:
    """The standard a figure is stated under (`standard_2016_2020` -> `2016/2020`), or ""."""
    return next((f.removeprefix("standard_").replace("_", "/") for f in o.flags if f.startswith("standard_")), "")


def shares_out_of_range(observations: list[Observation]) -> list[Finding]:
    return [Finding("share_out_of_range", o.indicator, o.period, (o.value,), (o.ref,))
            for o in observations if o.kind == "share" and o.unit == "pct" and not 0 <= o.value <= 100]


def unsure_repairs(observations: list[Observation]) -> list[Finding]:
    return [Finding("suspicious_repair", o.indicator, o.period, (o.value,), (o.ref,), detail="typo_repaired")
            for o in observations if "typo_repaired" in o.flags]


def unsure_ocr(observations: list[Observation]) -> list[Finding]:
    """Figures whose digits OCR read with low confidence: a person checks them against the scan."""
    return [Finding("ocr_unsure", o.indicator, o.period, (o.value,), (o.ref,), detail=f"ocr_confidence={o.ocr_confidence}")
            for o in observations if "ocr_low_confidence" in o.flags]
