"""The view-models a brief template lays out, and how much a brief may show (Limits).

Plain dataclasses with text already worded and formatted in the brief's language: templates
only lay them out (DESIGN.md: "templates contain layout, not logic").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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
    sentences: int = 5  # per section
    score_rows: int = 30
    changes: int = 5
    charts: int = 3
    series_rows: int = 14


LIMITS = (Limits(), Limits(8, 4, 16, 4, 3, 12), Limits(6, 3, 12, 3, 2, 10), Limits(6, 2, 8, 2, 1, 8))


@dataclass(frozen=True)
class BriefPlan:
    brief_id: str
    kind: str  # period | meeting
    period: str | None
    sources: tuple[str, ...]


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
    target_2030: str
    notes: list[int]


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
    number: int
    source: str
    line: int
    quote: str
    document: str


@dataclass
class ChartSpec:
    kind: str  # structure | growth | plan | series
    title: str
    data: list  # (label, value) pairs, or for series (label, [(period, value)], unit)
    alt: str


@dataclass
class Dateline:
    """The date on a brief's first line: the issue date when the documents state one, else the
    date the figures are as of (a reference date is never shown as an issue date)."""
    kind: str  # issued | as_of
    date: str


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
