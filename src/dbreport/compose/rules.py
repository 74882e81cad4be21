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

from dbreport.check import AT_LEAST, AT_MOST
from dbreport.extract.vocabulary import catalogue
from dbreport.formatting import glossary, period_end
from dbreport.model import Observation

TARGET_COMPARISONS = ("resolution_target", "plan", "target", "resolution")
BASES = r"same_period|previous_year|\d{4}|\d{4}-\d{4}|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{4}"  # comparison_phrase names these
WINDOW = 40  # characters of the line before/after a figure in which its own words stand
STATEMENT_LINES = 4  # a sentence wrapped over lines (blank lines between them in text from PDF) spans at most this


def words(key: str) -> list[str]:
    return glossary()["claims"][key]


def found(phrases: list[str], text: str) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text) for p in phrases)


def after(o: Observation, line: str) -> str:
    return line[o.end:o.end + WINDOW].lower() if o.end else ""


def before(o: Observation, line: str) -> str:
    return line[max(0, o.start - WINDOW):o.start].lower() if o.end else ""


def two_values(findings, observations) -> set[tuple[str, str]]:
    """(indicator, period) of the values no verdict is computed on: those the documents give two
    values of (a conflict), those stated under a named standard (`theo chuẩn nghèo giai đoạn
    2016-2020`), which a target set under another standard cannot judge, and every value of a change
    of such a level (`change_of`: the poverty rate's yearly reduction is measured on its standard)."""
    under = {(o.indicator, o.period) for o in observations if any(f.startswith("standard_") for f in o.flags)}
    leveled = {i for i, _p in under}
    changes = {ind.id for ind in catalogue().indicators.values() if ind.change_of and ind.change_of in leveled}
    return ({(f.indicator, f.period) for f in findings if f.code == "conflict"} | under
            | {(o.indicator, o.period) for o in observations if o.indicator in changes})


def has_base(o: Observation | None) -> bool:
    """A change a reader can understand: measured against a stated period or date. A gap to a
    target (`vượt 1,76 điểm % MTNQ`) is no change, and a change with no base says nothing."""
    return o is not None and bool(o.comparison) and bool(re.fullmatch(BASES, o.comparison))


def same_statement(a: Observation | None, b: Observation | None) -> bool:
    """Whether two figures are stated together: the same table row, or the same sentence of the
    text (a few lines apart). A share of target stated for one row (`8.500 ... 107,6%` in the
    appendix) says nothing of another figure of the indicator (`8.700 lao động/năm` in the text)."""
    if a is None or b is None or a.source != b.source:
        return False
    if "table" in a.flags or "table" in b.flags:
        return a.line == b.line
    return abs(a.line - b.line) <= STATEMENT_LINES


def moves(change: Observation, expected_unit: str | None) -> bool:
    """Whether a change moves the indicator itself: points (`pp`) move a rate, so beside money or a
    count they are the change of a share the brief does not print (`tỷ trọng vốn ngoài nhà nước
    ... tăng 2,34%`)."""
    return change.unit != "pp" or expected_unit in (None, "pct")


def average_growth(o: Observation | None) -> bool:
    """An average annual growth rate (`tăng bình quân 12,82%/năm`): said as a rise a year, never a level."""
    return o is not None and "average_growth" in o.flags


FLOW_UNITS = ("VND", "VND_mn", "VND_bn", "USD", "USD_mn", "t", "kt", "persons", "visits", "households")


def term_total(o: Observation | None) -> bool:
    """A flow (money, tonnes, people, visits) of a term of years, no yearly average, whose sentence
    names the term (`giai đoạn 2021-2025 ... ước đạt trên 95.000 tỷ đồng`): said as a total."""
    return (o is not None and o.kind in ("actual", "estimate") and period_length(o.period) == "T"
            and o.unit in FLOW_UNITS and "annual_average" not in o.flags and "period_unstated" not in o.flags)


def undated_flow(o: Observation) -> bool:
    """A flow of a term report whose sentence names no time (`Tổng thu ngân sách địa phương đạt
    77.089,83 tỷ đồng`): the term's total or its last year's, the source does not say, so no brief
    can print it with a period, and without one it would read as whichever the reader guesses."""
    return (o.kind in ("actual", "estimate") and "period_unstated" in o.flags and o.unit in FLOW_UNITS
            and "annual_average" not in o.flags)


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


def stated_verdict(figures: list[Observation], comparison: Observation | None, good: str) -> str | None:
    """The verdict the source states on a target's row: the words right after a result (flags
    `source_not_met`, `source_met`, `source_exceeded`: `(chưa đạt MTNQ)`, `(vượt 3,13% MTNQ)`), else
    its comparison column: a % of the target reaches it at 100% (a share of a ceiling, good = down,
    states no verdict); a gap in points is read with the indicator's good direction."""
    flags = {f for o in figures if o is not None for f in o.flags}
    if "source_basically_met" in flags:
        return "basically_met"  # `98% (cơ bản đạt MTNQ 99%)`: the source's own softer word
    if "source_not_met" in flags:
        return "not_met"
    if flags & {"source_met", "source_exceeded"}:
        return "met"
    if comparison is None:
        return None
    if comparison.kind == "plan_pct":
        return None if good == "down" else ("met" if comparison.value >= 100 else "not_met")
    if comparison.kind in ("change", "yoy_change") and comparison.unit in ("pp", "pct") and good in ("up", "down"):
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
            or basis_t != basis_a or basis_t == "additional" or good not in ("up", "down")):
        return None
    low, high = target.value, target.value_high if target.value_high is not None else target.value
    met = achieved.value >= low if good == "up" else achieved.value <= high
    if achieved.qualifier:  # `dưới 2,5%` against `< 2,5%` is met; `trên 2,5%` or `khoảng 2,5%` decides nothing
        side = "up" if achieved.qualifier in AT_LEAST else "down" if achieved.qualifier in AT_MOST else None
        return "met" if side == good and met else None
    return "met" if met else "not_met"


def verdicts_said(o: Observation, observations: list[Observation]) -> list[Observation]:
    """The source's own verdict on this very value, anywhere in its document: `98% (cơ bản đạt MTNQ
    99%)` in the text on the appendix's 98, or a note's `... còn 17,66%, chưa đạt MTNQ` whose
    sentence names no subject (no indicator) on the appendix's 17,66. None when the source judges
    another value of the same quantity the other way (`12,73% vượt MTNQ` under the old poverty
    standard, `17,66%, chưa đạt MTNQ` under the new): a verdict on one standard only would mislead."""
    def of_it(s: Observation) -> bool:
        return (s.source == o.source and s.unit == o.unit and s.indicator in (o.indicator, None)
                and period_end(s.period) == period_end(o.period) and any(f.startswith("source_") for f in s.flags))
    said = [s for s in observations if of_it(s) and s.value == o.value]
    others = [s for s in observations if of_it(s) and s.indicator == o.indicator and s.value != o.value]
    if len({"source_not_met" in s.flags for s in said + others}) > 1:
        return []
    return said


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
    """A qualifier the source puts before the figure on its line (`Lúa Đông xuân:`), in `lang`; one
    scoped to some indicators (`indicators`) only for those."""
    text = line[:o.start].lower() if o.end else ""
    return next((q[lang] for q in glossary()["claims"]["label_qualifiers"]
                 if o.indicator in q.get("indicators", (o.indicator,)) and found(q["words"], text)), None)


def clause_before(o: Observation, line: str) -> str:
    """The words of the figure's own clause before it on its line (since the last `;`)."""
    return re.split(r"[;:]", line[:o.start])[-1].lower() if o.end else ""


def price_basis(o: Observation | None, line: str, lang: str) -> str | None:
    """`at constant 2010 prices` (or `at current prices`) when the source states the basis with the value: right after it,
    in its own clause before it, or (flag `constant_prices`) in the label of its table row. A flag
    carried over from another clause of the sentence (`GRDP (theo giá so sánh) ...; GRDP bình quân
    đầu người ...`) is not enough: the basis is then left unsaid."""
    if o is None:
        return None
    spec = glossary()["claims"]["price_basis"]
    own = after(o, line) + " " + clause_before(o, line)
    if m := re.search(spec["pattern"], own):
        return spec[lang].format(year=m[1])
    if "constant_prices" in o.flags:  # its clause, table row or the whole it is an item of says so (extraction)
        return spec[f"{lang}_no_year"]
    if "current_prices" in o.flags and "giá hiện hành" in own:
        return spec[f"{lang}_current"]  # `Giá trị sản xuất xây dựng theo giá hiện hành ước đạt 4.827,72 tỷ đồng`
    return None


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
    return period_end(o.period).year > written.year


def reported_early(target: Observation, achieved: Observation, written: date) -> bool:
    """A result counted before its target's period ends (a half-year report's disbursement so far
    against the year's plan) gets no computed verdict; an estimate for the whole period may."""
    from dbreport.formatting import period_end
    return achieved.kind != "estimate" and written < period_end(target.period)
