"""The observations table and the figures one brief shows for one indicator.

The table is a list of rows, one per observation with the dates "latest" needs, made once per
build; a brief's questions (the figures of one period, the latest value per indicator across
documents) are filters and sorts over an indicator's few rows, which plain lists answer in
microseconds where a DataFrame spends milliseconds per operation. Sorts are stable, so ties keep
the table's order. The indicator catalogue is the extraction engine's
(`dbreport.extract.vocabulary.catalogue().indicators`), in file order.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Callable, Iterable

from dbreport.extract import naming_phrase
from dbreport.extract.vocabulary import Indicator, catalogue
from dbreport.formatting import glossary, period_end
from dbreport.model import Document, Observation

from . import rules
from .views import Claim, Note

Indicators = dict[str, Indicator]  # catalogue id -> indicator, in catalogue order

LEVEL_KINDS = ("estimate", "actual")
CHANGE_KINDS = ("yoy_change", "change")
SECTOR_IDS = ("grdp_agri", "grdp_industry", "grdp_services", "grdp_taxes")
UNIT_FAMILIES = ({"VND", "VND_mn", "VND_bn"}, {"USD", "USD_mn"}, {"t", "kt"})


def indicators() -> Indicators:
    """The indicator catalogue; a missing or broken catalogue file raises, it never reads as empty."""
    return catalogue().indicators


# --- the table ----------------------------------------------------------------------------------
def document_date(doc: Document) -> date:
    return doc.issued or doc.reference_date or period_end(doc.period)


@dataclass(frozen=True, slots=True)
class Row:
    """One observation with the columns a brief filters and sorts on, the end of its period and
    its document's date among them."""
    indicator: str | None
    kind: str
    period: str
    unit: str
    source: str
    line: int
    end: date
    doc_date: date
    obs: Observation


Table = list[Row]  # rows in observation order


class Frame(Table):
    """Every observation's row, in observation order: what observation_frame makes once per build."""

    @functools.cached_property
    def obs(self) -> list[Observation]:
        """The observations, in table order (rules that read them all; the frame is never changed)."""
        return [r.obs for r in self]


def observation_frame(observations: list[Observation], documents: list[Document]) -> Frame:
    """One row per observation, with the document's date so "latest" has a meaning."""
    when = {d.source: document_date(d) for d in documents}
    return Frame(Row(o.indicator, o.kind, o.period, o.unit, o.source, o.line, period_end(o.period),
                     when.get(o.source, date.min), o) for o in observations)


def group_by(rows: Iterable[Row], key: Callable[[Row], object]) -> dict[object, Table]:
    """The rows by key, keys in order of first appearance, each group in table order."""
    groups: dict[object, Table] = {}
    for r in rows:
        groups.setdefault(key(r), []).append(r)
    return groups


MONEY_UNITS = ("VND", "VND_mn", "VND_bn", "USD", "USD_mn")  # a money fraction is an amount of its plan (flag `denominator`)


def usable(frame: Table, catalogue: Indicators, lang: str) -> Table:
    """Rows a brief can show: with an indicator, and a label in the brief's language. A count read
    from a fraction (`113/113 dịch vụ công`, `54/115 xã`) is not shown as a count: without its
    denominator it says less than the source, and with it, it is a share the text does not state."""
    return [r for r in frame if r.indicator is not None
            and not ("fraction" in r.obs.flags and r.unit not in MONEY_UNITS)
            and (r.indicator in catalogue or (r.obs.label_vi if lang == "vi" else r.obs.label_en) is not None)]


def first(rows: Table) -> Observation | None:
    """The observation of the latest document (then the earliest line)."""
    if not rows:
        return None
    return min(rows, key=lambda r: (-r.doc_date.toordinal(), r.source, r.line)).obs


def unit_fits(expected: str | None, unit: str) -> bool:
    """A level must be in the indicator's unit family: a GRDP level in % is a misread growth rate."""
    if not expected or expected == unit:
        return True
    return any(expected in fam and unit in fam for fam in UNIT_FAMILIES)


def levels_of(rows: Table, expected: str | None) -> Table:
    """The rows that state the indicator's level; a rate's level may be stated as a proportion of a
    population (`chiếm 25,68% tổng số hộ` is the poverty rate). A flow no brief can date (a term
    report's total or last year's, rules.undated_flow) is no level."""
    return [r for r in rows if (r.kind in LEVEL_KINDS or r.kind == "ratio" and expected == "pct")
            and unit_fits(expected, r.unit) and not rules.undated_flow(r.obs)]


# --- the figures of one indicator -------------------------------------------------------------
@dataclass
class Figures:
    """What one brief knows about one indicator."""
    indicator: str
    level: Observation | None = None
    change: Observation | None = None
    plan: Observation | None = None
    ranks: tuple[Observation, ...] = ()  # the ranks stated together (regional, national)
    share: Observation | None = None
    target: Observation | None = None
    plan_base: str | None = None  # what `plan` is a share of: plan | estimate | resolution (rules.plan_base)


def main_period(rows: Table, period: str, expected: str | None = None) -> str | None:
    """The period a brief reports an indicator for: the document's own period when it has a level
    there, else the latest level period not after it (a congress report gives 2025 values)."""
    levels = levels_of(rows, expected)
    if any(r.period == period for r in levels):
        return period
    limit = period_end(period)
    candidates = [r for r in levels if r.end <= limit]
    if not candidates:
        candidates = [r for r in rows if r.kind in LEVEL_KINDS + CHANGE_KINDS + ("plan_pct", "share") and r.end <= limit]
    if not candidates:
        return None
    return sorted(candidates, key=lambda r: r.end)[-1].period


def pick_figures(rows: Table, indicator: str, period: str, expected: str | None = None) -> Figures:
    """The level, and what is stated with it (its change, share of plan, rank), the share of GRDP
    of a sector, and the latest target for one indicator. A change or share of plan stated on
    another line than the level is another figure's (the appendix's 8.500 is not the text's 8.700)."""
    at = main_period(rows, period, expected)
    same = [r for r in rows if r.period == at]
    level = first(levels_of(same, expected))
    with_level = [r for r in same if level is None or rules.same_statement(level, r.obs)]
    changes = [r for r in with_level if r.kind in CHANGE_KINDS and rules.has_base(r.obs) and rules.moves(r.obs, expected)]
    preferred = [r for r in changes if r.obs.comparison == "same_period"]
    targets = [r for r in rows if r.kind == "target"]
    target = first([r for r in targets if r.end == max(t.end for t in targets)]) if targets else None
    share = first([r for r in same if r.kind == "share"]) if indicator in SECTOR_IDS else None  # a share of what else, the text must say
    return Figures(indicator, level, first(preferred) or first(changes), first([r for r in with_level if r.kind == "plan_pct"]),
                   ranks_of(with_level), share, target)


def ranks_of(rows: Table) -> tuple[Observation, ...]:
    """The ranks of the first line that states one, in the order written (region, then nation)."""
    lead = first([r for r in rows if r.kind == "rank"])
    if lead is None:
        return ()
    return tuple(sorted((r.obs for r in rows if r.kind == "rank" and (r.source, r.line) == (lead.source, lead.line)),
                        key=lambda o: o.start))


# --- what the catalogue says about an indicator ---------------------------------------------
def ordered_indicators(ids, catalogue: Indicators) -> list[str]:
    """Headline indicators first, then catalogue order; uncatalogued last, by id."""
    position = {i: k for k, i in enumerate(catalogue)}

    def key(i):
        ind = catalogue.get(i)
        return (0 if ind and ind.headline else 1, position.get(i, len(position)), i)
    return sorted(set(ids), key=key)


def main_first(figures: dict, catalogue: Indicators) -> list:
    """The (indicator, figures) pairs with each section's main figures first (glossary
    `[main_figures]`), the others after them in their order."""
    main = glossary()["main_figures"]
    items = list(figures.items())

    def key(item):
        section = main.get(section_of(item[0], catalogue), [])
        return section.index(item[0]) if item[0] in section else len(section)
    return sorted(items, key=key)  # stable: the others keep their order


def label_of(indicator: str, obs: Observation | None, catalogue: Indicators, lang: str) -> str | None:
    """The catalogue's label, unless the phrase that named the figure says less than it (glossary
    `[loose_labels]`: `Lũy kế giải ngân` names no capital): then the source's words."""
    loose = glossary()["loose_labels"].get(naming_phrase(obs.indicator_basis) or "") if obs is not None else None
    if loose:
        return loose[lang]
    ind = catalogue.get(indicator)
    if ind:
        return ind.label_vi if lang == "vi" else ind.label_en
    if obs is None:
        return None
    return obs.label_vi if lang == "vi" else obs.label_en


def section_of(indicator: str, catalogue: Indicators) -> str:
    ind = catalogue.get(indicator)
    return glossary()["sections"].get(ind.category if ind else "", "economy" if indicator.startswith("grdp") else "society")


def unit_of(indicator: str, catalogue: Indicators) -> str | None:
    ind = catalogue.get(indicator)
    return ind.unit if ind else None


def good_of(indicator: str, catalogue: Indicators) -> str:
    ind = catalogue.get(indicator)
    return ind.good if ind else "neutral"


def is_headline(indicator: str, catalogue: Indicators) -> bool:
    ind = catalogue.get(indicator)
    return bool(ind and ind.headline)


def tone_of(value: Decimal | None, good: str) -> str:
    if value is None or value == 0 or good == "neutral":
        return "neutral"
    return "good" if (value > 0) == (good == "up") else "bad"


def direction_of(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return "up" if value > 0 else ("down" if value < 0 else "flat")


# --- source notes and claims ---------------------------------------------------------------
class NoteBook:
    """Numbers source notes in order of first use, one per source line (its quotes together: a
    table row is one note, not four), and records every statement as a Claim with its figures."""

    def __init__(self, documents: dict[str, Document]):
        self.documents = documents
        self.numbers: dict[tuple[str, int], int] = {}
        self.notes: list[Note] = []
        self.used: list[Observation] = []
        self.claims: list[Claim] = []
        self.seen: set[tuple] = set()

    def cite(self, *observations: Observation | None) -> list[int]:
        out = []
        for o in observations:
            if o is None:
                continue
            key = (o.source, o.line)
            if key not in self.numbers:
                self.numbers[key] = len(self.notes) + 1
                doc = self.documents.get(o.source)
                self.notes.append(Note(self.numbers[key], o.source, o.line, [], doc.title if doc else o.source))
            note = self.notes[self.numbers[key] - 1]
            span = (o.source, o.line, o.start, o.end, o.quote)
            if span not in self.seen:
                self.seen.add(span)
                self.used.append(o)
                if o.quote and o.quote not in note.quotes:
                    note.quotes.append(o.quote)
            if self.numbers[key] not in out:
                out.append(self.numbers[key])
        return out

    def state(self, place: str, text: str, relation: str, *observations: Observation | None,
              verdict: str | None = None, verdict_by: str | None = None) -> list[int]:
        """Record one printed statement and the figures it rests on; returns its note numbers."""
        figures = tuple(o for o in observations if o is not None)
        self.claims.append(Claim(place, text, relation, figures, verdict, verdict_by))
        return self.cite(*figures)
