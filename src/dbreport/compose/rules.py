"""What a brief may say of a figure (issue 10): the rules every statement is composed under.

A statement says what its source says and nothing it does not. The rules read only the
observation (kind, period, unit, flags, comparison) and, where extraction does not record it yet,
the words of the figure's own source line (glossary.toml `[claims]`): what a share of plan is a
share of, whether a target is an amount added over the term, whether the source states a verdict.
When a rule cannot tell, it answers None and the statement is left out or said with less.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from dbreport.formatting import glossary
from dbreport.model import Observation

TARGET_COMPARISONS = ("resolution_target", "plan", "target", "resolution")
BASES = r"same_period|previous_year|\d{4}|\d{4}-\d{4}|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{4}"  # comparison_phrase names these
WINDOW = 40  # characters of the line before/after a figure in which its own words stand


def words(key: str) -> list[str]:
    return glossary()["claims"][key]


def found(phrases: list[str], text: str) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text) for p in phrases)


def after(o: Observation, line: str) -> str:
    return line[o.end:o.end + WINDOW].lower() if o.end else ""


def before(o: Observation, line: str) -> str:
    return line[max(0, o.start - WINDOW):o.start].lower() if o.end else ""


def has_base(o: Observation | None) -> bool:
    """A change a reader can understand: measured against a stated period or date. A gap to a
    target (`vượt 1,76 điểm % MTNQ`) is no change, and a change with no base says nothing."""
    return o is not None and bool(o.comparison) and bool(re.fullmatch(BASES, o.comparison))


def plan_base(o: Observation | None, line: str) -> str | None:
    """What a share of plan is a share of: plan, budget estimate (`dự toán`) or resolution target,
    by the first base word after the figure; None when the line names none."""
    if o is None:
        return None
    if o.comparison == "resolution_target":
        return "resolution"
    text = after(o, line)
    hits = [(m.start(), entry["base"]) for entry in glossary()["claims"]["plan_bases"] for w in entry["words"]
            for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
    return min(hits)[1] if hits else None


def basis_of(o: Observation, line: str) -> str:
    """level | average (a yearly average over a term) | additional (an amount added over the term)."""
    if "annual_average" in o.flags:
        return "average"
    if o.kind == "target" and ({"target_increase", "target_reduction"} & set(o.flags)
                               or found(words("additional"), before(o, line))):
        return "additional"
    return "level"


def stated_verdict(comparison: Observation | None, line: str, good: str) -> str | None:
    """The verdict the source states on a target's row: its words (`chưa đạt`, `vượt mục tiêu`),
    else its comparison column read with the indicator's good direction (`89,79%` of the target,
    `+1,76` points over it). A share of a ceiling target (good = down) states no verdict."""
    text = line.lower()
    if found(words("not_met"), text):
        return "not_met"
    if found(words("met"), text):
        return "met"
    if comparison is None or good not in ("up", "down"):
        return None
    if comparison.kind == "plan_pct":
        return None if good == "down" else ("met" if comparison.value >= 100 else "not_met")
    if comparison.kind in ("change", "yoy_change") and comparison.unit in ("pp", "pct"):
        ahead = comparison.value >= 0 if good == "up" else comparison.value <= 0
        return "met" if ahead else "not_met"
    return None


def consistent(target: Observation, achieved: Observation, comparison: Observation | None) -> bool:
    """Whether a row's target and result are on the basis its comparison column says: `95.000`
    against `27.948` stated as `100%` are not (a term total beside one year)."""
    if comparison is None or comparison.kind != "plan_pct" or not target.value:
        return True
    return abs(achieved.value / target.value * 100 - comparison.value) <= Decimal("1.5")


def computed_verdict(target: Observation, achieved: Observation, good: str, basis_t: str, basis_a: str) -> str | None:
    """Met or not, only between the same indicator, kind of value, basis, period and unit, with
    the indicator's good direction; a qualified result (`< 2,5`) or a range is decided only when
    the whole range is on one side."""
    if (target.indicator != achieved.indicator or target.period != achieved.period or target.unit != achieved.unit
            or basis_t != basis_a or basis_t == "additional" or good not in ("up", "down") or achieved.qualifier):
        return None
    low, high = target.value, target.value_high if target.value_high is not None else target.value
    if good == "up":
        return "met" if achieved.value >= low else "not_met"
    return "met" if achieved.value <= high else "not_met"


def period_length(period: str) -> str:
    """H (half year), Y (year), M<n> (a run of months), T (a term), A (a date): values of different
    lengths are never set side by side as comparable."""
    if re.fullmatch(r"\d{4}-H[12]", period):
        return "H"
    if re.fullmatch(r"\d{4}", period):
        return "Y"
    if m := re.fullmatch(r"(\d{4})-(\d\d)/(\d{4})-(\d\d)", period):
        return f"M{(int(m[3]) - int(m[1])) * 12 + int(m[4]) - int(m[2]) + 1}"
    if re.fullmatch(r"\d{4}/\d{4}", period):
        return "T"
    if period.startswith("as-of"):
        return "A"
    return period


def label_qualifier(o: Observation, line: str, lang: str) -> str | None:
    """A qualifier the source puts before the figure on its line (`Lúa Đông xuân:`), in `lang`."""
    text = line[:o.start].lower() if o.end else ""
    return next((q[lang] for q in glossary()["claims"]["label_qualifiers"] if found(q["words"], text)), None)


def price_basis(o: Observation, line: str, lang: str) -> str | None:
    """`at constant 2010 prices` when the source states the basis right after the value."""
    spec = glossary()["claims"]["price_basis"]
    m = re.search(spec["pattern"], after(o, line))
    return spec[lang].format(year=m[1]) if m else None


def rank_field(o: Observation, line: str, lang: str) -> str | None:
    """Who a rank is among (`provinces in the Northern Midlands and Mountains`), by the words after
    it; None when the line does not say."""
    text = line[o.start:o.end + 60].lower() if o.end else ""
    return next((f[lang] for f in glossary()["claims"]["rank_fields"] if found(f["words"], text)), None)


def year_elapsed(period: str) -> Decimal | None:
    """The share of the year a period from January covers (50 for a first half): the pace a share
    of the annual plan is read against. None for other periods."""
    if re.fullmatch(r"\d{4}-H1", period):
        return Decimal(50)
    if m := re.fullmatch(r"(\d{4})-01/(\d{4})-(\d\d)", period):
        if m[1] == m[2]:
            return (Decimal(int(m[3])) * 100 / 12).quantize(Decimal("0.01")).normalize()
    return None


def projected(o: Observation, written: date) -> bool:
    """A figure about a year after the one its document was written in is a projection, never a
    newest value (`GRDP 2030 ... tăng 8 điểm %` in a 2025 report)."""
    from dbreport.formatting import period_end
    return period_end(o.period).year > written.year


def reported_early(target: Observation, achieved: Observation, written: date) -> bool:
    """A result counted before its target's period ends (a half-year report's disbursement so far
    against the year's plan) gets no computed verdict; an estimate for the whole period may."""
    from dbreport.formatting import period_end
    return achieved.kind != "estimate" and written < period_end(target.period)
