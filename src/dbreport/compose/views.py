"""The view-models a brief template lays out, and how much a brief may show (Limits).

Plain dataclasses with text already worded and formatted in the brief's language: templates
only lay them out (DESIGN.md: "templates contain layout, not logic").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dbreport.model import Observation

N_ = lambda s: s  # noqa: E731

SECTION_ORDER = ("economy", "agriculture", "industry", "services", "finance", "enterprises", "society")
SECTION_TITLES = {
    "economy": N_("Economy"),
    "agriculture": N_("Agriculture and forestry"),
    "industry": N_("Industry and construction"),
    "services": N_("Services, trade and tourism"),
    "finance": N_("Public finance and investment"),
    "enterprises": N_("Enterprises"),
    "society": N_("Society: labour, poverty, health, education"),
}


@dataclass(frozen=True)
class Limits:
    """How much a brief shows. Render tightens these step by step until the PDF fits its pages."""
    cards: int = 8
    sentences: int = 8  # per section
    score_rows: int = 30
    changes: int = 5
    charts: int = 3
    series_rows: int = 14
    findings: int = 6
    notes: int = 40  # source notes printed in the PDF; the rest are counted and in the data file


LIMITS = (Limits(), Limits(8, 6, 16, 4, 3, 12, 5, 36), Limits(8, 5, 16, 4, 3, 12, 5, 32),
          Limits(6, 3, 12, 3, 2, 10, 4, 28), Limits(6, 2, 8, 2, 1, 8, 3, 24), Limits(4, 1, 6, 1, 0, 6, 2, 20))


@dataclass(frozen=True)
class BriefPlan:
    brief_id: str
    kind: str  # period | meeting
    period: str | None
    sources: tuple[str, ...]
    territory: str | None = None  # another territory its documents report on (`Phú Thọ`); None: the province's own


@dataclass
class Sentence:
    text: str
    notes: list[int] = field(default_factory=list)


@dataclass
class Card:
    label: str
    value: str
    period: str
    direction: str | None = None  # up | down | flat: drawn as a shape, not only a colour
    tone: str = "neutral"  # good | bad | neutral
    change: str | None = None
    against: str | None = None
    plan: str | None = None
    notes: list[int] = field(default_factory=list)
    indicator: str | None = None  # which indicator it shows: its sentence is not repeated as a bullet
    figures: tuple = ()  # the SourceRefs of the figures it shows
    sentence: str | None = None  # the same figures as a sentence (the emailed headlines), when no bullet says them


@dataclass
class Section:
    key: str
    title: str
    sentences: list[Sentence]


@dataclass
class ScoreRow:
    label: str
    target: str
    achieved: str
    status: str  # met | not_met | unknown
    next_target: str
    notes: list[int]
    stated: str = "–"  # the source's own comparison (its % of target or gap), as it states it
    next_year: int | None = None  # the year the next target is for (the column is named by it when all agree)


@dataclass
class SeriesRow:
    label: str
    earlier: str
    latest: str
    target: str
    trend: str | None
    notes: list[int]


@dataclass
class Note:
    """One source line a brief cites, with the quotes of every figure it takes from that line."""
    number: int
    source: str
    line: int
    quotes: list[str]
    document: str


@dataclass(frozen=True)
class Claim:
    """One statement a brief prints (a sentence, a card, a table row, a finding), the figures it
    rests on and the relation it asserts between them. Render prints the text; the export
    (build/data/claims.jsonl) lets a test, or a reader, check every statement against its source."""
    place: str  # card | sentence | structure | change | series | score_row | finding
    text: str  # as printed
    relation: str  # level | change | level_change | shares | from_to | target | values_differ
    figures: tuple[Observation, ...]
    verdict: str | None = None  # met | not_met, only on a scoreboard row
    verdict_by: str | None = None  # source (its comparison column or words) | computed (same basis)


@dataclass
class ChartSpec:
    kind: str  # structure | growth | plan | series
    title: str
    data: list  # (label, value) pairs, or for series (label, [(period, value)], unit)
    alt: str
    pace: Decimal | None = None  # share of the year elapsed (50 for a half year): the plan chart draws it


@dataclass
class Dateline:
    """The date on a brief's first line: the issue date when the documents state one, else the
    date the figures are as of (a reference date is never shown as an issue date)."""
    kind: str  # issued | as_of
    date: str
    estimates: bool = False  # most values shown are the source's estimates


@dataclass
class BriefView:
    brief_id: str
    kind: str
    lang: str
    title: str
    period: str
    dateline: Dateline
    sources: list[tuple[str, str]]  # (title, file)
    cards: list[Card]
    sections: list[Section]
    scoreboard: list[ScoreRow]
    scoreboard_summary: str
    series: list[SeriesRow]
    findings: list[Sentence]
    changes: list[Sentence]
    charts: list[ChartSpec]
    notes: list[Note]
    headlines: list[str]
    observations: list[Observation]
    created: date
    claims: list[Claim] = field(default_factory=list)
    next_header: str = ""  # the scoreboard's last column: "2030 target" when every row's next target is 2030's
    notes_cap: int = 40  # how many source notes the PDF prints (the HTML links every figure to its line)
    series_earlier: bool = False  # whether any series row has earlier values (else the column is left out)
