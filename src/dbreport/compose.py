"""Brief view-models: which figures a brief shows, in what order, worded in its language.

Templates only lay out what is here (DESIGN.md: "templates contain layout, not logic"). pandas
holds the observations table so the three questions a brief asks are table operations: the
figures of one period, the latest value per indicator across documents, and the
target-versus-achieved pivot of the congress appendix.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

import pandas as pd

from dbreport import phrases
from dbreport.formatting import Formatter, glossary, period_end
from dbreport.model import Document, Finding, Observation

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
LEVEL_KINDS = ("estimate", "actual")
CHANGE_KINDS = ("yoy_change", "change")
SECTOR_IDS = ("grdp_agri", "grdp_industry", "grdp_services", "grdp_taxes")


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


# --- catalogue ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Indicator:
    id: str
    category: str
    unit: str
    good: str  # up | down | neutral
    headline: bool
    label_vi: str
    label_en: str
    order: int = 0


@cache
def load_catalogue() -> dict[str, Indicator]:
    """The indicator catalogue (catalogue/indicators.toml), keyed by id, in file order.

    Missing file -> empty catalogue: briefs then fall back to the labels carried by the
    observations, so a catalogue being edited never stops a build."""
    try:
        text = resources.files("dbreport.catalogue").joinpath("indicators.toml").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    return catalogue_from(tomllib.loads(text))


def catalogue_from(data: dict) -> dict[str, Indicator]:
    """Accepts both `[[indicator]]` arrays and `[grdp]` tables, so the file's shape may evolve."""
    entries: list[dict] = []
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            entries += value
        elif isinstance(value, dict) and ("label_vi" in value or "label_en" in value):
            entries.append({"id": key, **value})
    out = {}
    for i, e in enumerate(entries):
        if "id" not in e:
            continue
        out[e["id"]] = Indicator(e["id"], e.get("category", ""), e.get("unit", ""), e.get("good", "neutral"),
                                 bool(e.get("headline", False)), e.get("label_vi", e["id"]),
                                 e.get("label_en", e["id"]), i)
    return out


# --- view-model types -------------------------------------------------------------------------
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
class BriefView:
    brief_id: str
    kind: str
    lang: str
    title: str
    period: str
    issued: str
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


@dataclass(frozen=True)
class BriefPlan:
    brief_id: str
    kind: str  # period | meeting
    period: str | None
    sources: tuple[str, ...]


# --- tables -------------------------------------------------------------------------------------
def observation_frame(observations: list[Observation], documents: list[Document]) -> pd.DataFrame:
    """One row per observation, with the document's date so "latest" has a meaning."""
    when = {d.source: document_date(d) for d in documents}
    rows = [{"indicator": o.indicator, "kind": o.kind, "period": o.period, "unit": o.unit, "source": o.source,
             "line": o.line, "end": period_end(o.period), "doc_date": when.get(o.source, date.min), "obs": o}
            for o in observations]
    cols = ["indicator", "kind", "period", "unit", "source", "line", "end", "doc_date", "obs"]
    return pd.DataFrame(rows, columns=cols)


def document_date(doc: Document) -> date:
    return doc.issued or doc.reference_date or period_end(doc.period)


def plan_briefs(documents: list[Document]) -> list[BriefPlan]:
    """A period brief per distinct document period (chronological), then the meeting brief."""
    by_period: dict[str, list[str]] = {}
    for d in sorted(documents, key=lambda d: (period_end(d.period), d.source)):
        by_period.setdefault(d.period, []).append(d.source)
    plans = [BriefPlan(p.replace("/", "-"), "period", p, tuple(s)) for p, s in by_period.items()]
    plans.append(BriefPlan("meeting", "meeting", None, tuple(sorted(d.source for d in documents))))
    return plans


class NoteBook:
    """Numbers source notes in order of first use; one number per distinct source span."""

    def __init__(self, documents: dict[str, Document]):
        self.documents = documents
        self.numbers: dict[tuple, int] = {}
        self.notes: list[Note] = []
        self.used: list[Observation] = []

    def cite(self, *observations: Observation | None) -> list[int]:
        out = []
        for o in observations:
            if o is None:
                continue
            key = (o.source, o.line, o.start, o.end, o.quote)
            if key not in self.numbers:
                self.numbers[key] = len(self.notes) + 1
                doc = self.documents.get(o.source)
                self.notes.append(Note(self.numbers[key], o.source, o.line, o.quote, doc.title if doc else o.source))
                self.used.append(o)
            if self.numbers[key] not in out:
                out.append(self.numbers[key])
        return out


# --- picking figures ---------------------------------------------------------------------------
@dataclass
class Figures:
    """What one brief knows about one indicator."""
    indicator: str
    level: Observation | None = None
    change: Observation | None = None
    plan: Observation | None = None
    rank: Observation | None = None
    share: Observation | None = None
    target: Observation | None = None


UNIT_FAMILIES = ({"VND", "VND_mn", "VND_bn"}, {"USD", "USD_mn"}, {"t", "kt"})


def unit_fits(expected: str | None, unit: str) -> bool:
    """A level must be in the indicator's unit family: a GRDP level in % is a misread growth rate."""
    if not expected or expected == unit:
        return True
    return any(expected in fam and unit in fam for fam in UNIT_FAMILIES)


def levels_of(rows: pd.DataFrame, expected: str | None) -> pd.DataFrame:
    levels = rows[rows.kind.isin(LEVEL_KINDS)]
    return levels[levels.unit.map(lambda u: unit_fits(expected, u))] if len(levels) else levels


def first(frame: pd.DataFrame) -> Observation | None:
    if frame.empty:
        return None
    return frame.sort_values(["doc_date", "source", "line"], ascending=[False, True, True]).iloc[0]["obs"]


def main_period(rows: pd.DataFrame, period: str, expected: str | None = None) -> str | None:
    """The period a brief reports an indicator for: the document's own period when it has a level
    there, else the latest level period not after it (a congress report gives 2025 values)."""
    levels = levels_of(rows, expected)
    if (levels.period == period).any():
        return period
    limit = period_end(period)
    candidates = levels[levels.end <= limit]
    if candidates.empty:
        candidates = rows[rows.kind.isin(LEVEL_KINDS + CHANGE_KINDS + ("plan_pct", "share"))]
        candidates = candidates[candidates.end <= limit]
    if candidates.empty:
        return None
    return candidates.sort_values("end").iloc[-1]["period"]


def pick_figures(rows: pd.DataFrame, indicator: str, period: str, expected: str | None = None) -> Figures:
    """The level, its change, plan share, rank, share and latest target for one indicator."""
    at = main_period(rows, period, expected)
    same = rows[rows.period == at]
    changes = same[same.kind.isin(CHANGE_KINDS)]
    preferred = changes[changes.obs.map(lambda o: o.comparison == "same_period")]
    targets = rows[rows.kind == "target"]
    target = first(targets[targets.end == targets.end.max()]) if not targets.empty else None
    return Figures(indicator, first(levels_of(same, expected)),
                   first(preferred) or first(changes), first(same[same.kind == "plan_pct"]),
                   first(same[same.kind == "rank"]), first(same[same.kind == "share"]), target)


def ordered_indicators(ids, catalogue: dict[str, Indicator]) -> list[str]:
    """Headline indicators first, then catalogue order; uncatalogued last, by id."""
    def key(i):
        ind = catalogue.get(i)
        return (0 if ind and ind.headline else 1, ind.order if ind else 10_000, i)
    return sorted(set(ids), key=key)


def label_of(indicator: str, obs: Observation | None, catalogue: dict[str, Indicator], lang: str) -> str | None:
    ind = catalogue.get(indicator)
    if ind:
        return ind.label_vi if lang == "vi" else ind.label_en
    if obs is None:
        return None
    return obs.label_vi if lang == "vi" else obs.label_en


def section_of(indicator: str, catalogue: dict[str, Indicator]) -> str:
    ind = catalogue.get(indicator)
    return glossary()["sections"].get(ind.category if ind else "", "economy" if indicator.startswith("grdp") else "society")


def unit_of(indicator: str, catalogue: dict[str, Indicator]) -> str | None:
    ind = catalogue.get(indicator)
    return ind.unit if ind else None


def good_of(indicator: str, catalogue: dict[str, Indicator]) -> str:
    ind = catalogue.get(indicator)
    return ind.good if ind else "neutral"


def tone_of(value: Decimal | None, good: str) -> str:
    if value is None or value == 0 or good == "neutral":
        return "neutral"
    return "good" if (value > 0) == (good == "up") else "bad"


def direction_of(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return "up" if value > 0 else ("down" if value < 0 else "flat")


# --- wording ------------------------------------------------------------------------------------
def value_text(fmt: Formatter, o: Observation) -> str:
    text = fmt.quantity(o.value, o.unit, o.qualifier)
    if o.value_high is not None:
        text = fmt.quantity(o.value, o.unit, o.qualifier).replace(fmt.decimal(o.value),
                                                                  f"{fmt.decimal(o.value)}–{fmt.decimal(o.value_high)}", 1)
    return text


def figure_sentence(fmt: Formatter, label: str, f: Figures, good: str, show_period: bool) -> str | None:
    """One narrative sentence for one indicator, from the pieces the data has."""
    lead = f.level or f.share
    if lead is None and f.change is None:
        return None
    clauses = [phrases.change_phrase(fmt, f.change.value, f.change.unit, f.change.comparison) if f.change else None,
               phrases.plan_phrase(fmt, f.plan.value) if f.plan else None,
               phrases.rank_phrase(fmt, f.rank.value, phrases.rank_total(f.rank.quote)) if f.rank else None]
    if lead is None:
        opening = phrases.inline_label(label) + (" " if fmt.lang == "vi" else " ")
        return phrases.join_clauses(opening.strip(), clauses).replace(",", "", 1)
    opening = phrases.level_phrase(fmt, label, value_text(fmt, lead), lead.kind, good)
    if show_period:
        opening += f" ({fmt.period(lead.period)})"
    return phrases.join_clauses(opening, clauses)


def card_for(fmt: Formatter, label: str, f: Figures, good: str, notes: NoteBook) -> Card | None:
    if f.level is None:
        return None
    _ = fmt.t.gettext
    c = f.change
    return Card(label=label, value=value_text(fmt, f.level), period=fmt.short_period(f.level.period),
                direction=direction_of(c.value) if c else None, tone=tone_of(c.value if c else None, good),
                change=fmt.signed(c.value, c.unit) if c else None,
                against=phrases.comparison_phrase(fmt, c.comparison) if c else None,
                plan=_("%(pct)s of plan") % {"pct": fmt.percent(f.plan.value)} if f.plan else None,
                notes=notes.cite(f.level, c, f.plan))


def structure_sentence(fmt: Formatter, figures: dict[str, Figures], catalogue, notes: NoteBook) -> Sentence | None:
    parts, cited = [], []
    for sid in SECTOR_IDS:
        f = figures.get(sid)
        if f and f.share is not None:
            parts.append(f"{phrases.inline_label(label_of(sid, f.share, catalogue, fmt.lang) or sid)} {fmt.percent(f.share.value)}")
            cited.append(f.share)
    if len(parts) < 2:
        return None
    text = fmt.t.gettext("GRDP structure: %(parts)s.") % {"parts": "; ".join(parts)}
    return Sentence(text, notes.cite(*cited))


# --- charts data ------------------------------------------------------------------------------
def chart_specs(fmt: Formatter, figures: dict[str, Figures], catalogue) -> list[ChartSpec]:
    _ = fmt.t.gettext
    specs = []
    label = lambda i, o: label_of(i, o, catalogue, fmt.lang) or i  # noqa: E731
    shares = [(label(s, figures[s].share), figures[s].share.value) for s in SECTOR_IDS
              if s in figures and figures[s].share is not None]
    if len(shares) >= 2:
        specs.append(ChartSpec("structure", _("GRDP structure by sector (%)"), shares,
                               alt_text(fmt, _("GRDP structure by sector"), shares, "pct")))
    growth = [(label(s, figures[s].change), figures[s].change.value) for s in ("grdp",) + SECTOR_IDS[:3]
              if s in figures and figures[s].change is not None and figures[s].change.unit == "pct"]
    if len(growth) >= 2:
        specs.append(ChartSpec("growth", _("Growth by sector over the same period (%)"), growth,
                               alt_text(fmt, _("Growth by sector"), growth, "pct")))
    plan = [(label(i, f.plan), f.plan.value) for i, f in figures.items() if f.plan is not None][:8]
    if len(plan) >= 2:
        specs.append(ChartSpec("plan", _("Share of the annual plan achieved (%)"), plan,
                               alt_text(fmt, _("Share of the annual plan achieved"), plan, "pct")))
    return specs


def alt_text(fmt: Formatter, title: str, pairs, unit: str) -> str:
    """The text alternative of a chart: its title and every value it draws."""
    return f"{title}: " + "; ".join(f"{lab} {fmt.quantity(v, unit)}" for lab, v in pairs) + "."


# --- the briefs --------------------------------------------------------------------------------
def compose_brief(plan: BriefPlan, lang: str, fmt: Formatter, documents: list[Document],
                  observations: list[Observation], findings: list[Finding],
                  catalogue: dict[str, Indicator] | None = None, limits: Limits = LIMITS[0]) -> BriefView:
    """The view-model of one brief in one language."""
    catalogue = load_catalogue() if catalogue is None else catalogue
    docs = {d.source: d for d in documents}
    frame = observation_frame(observations, documents)
    notes = NoteBook(docs)
    if plan.kind == "meeting":
        return compose_meeting(plan, lang, fmt, documents, frame, findings, catalogue, notes, limits)
    return compose_period(plan, lang, fmt, documents, frame, findings, catalogue, notes, limits)


def usable(frame: pd.DataFrame, catalogue, lang: str) -> pd.DataFrame:
    """Rows a brief can show: with an indicator, and a label in the brief's language."""
    frame = frame[frame.indicator.notna()]
    if frame.empty:
        return frame
    own = frame.obs.map(lambda o: (o.label_vi if lang == "vi" else o.label_en) is not None)
    return frame[frame.indicator.isin(list(catalogue)) | own]


def compose_period(plan, lang, fmt, documents, frame, findings, catalogue, notes, lim: Limits) -> BriefView:
    rows = usable(frame[frame.source.isin(plan.sources)], catalogue, lang)
    figures = {i: pick_figures(rows[rows.indicator == i], i, plan.period, unit_of(i, catalogue))
               for i in ordered_indicators(rows.indicator, catalogue)}
    cards = select_cards(fmt, figures, catalogue, notes, lim)
    sections = period_sections(fmt, figures, catalogue, notes, plan.period, lim)
    scoreboard, summary = scoreboard_rows(fmt, frame[frame.source.isin(plan.sources)], catalogue, notes, lang, lim)
    previous = previous_plan(plan, documents)
    changes = changes_since(fmt, previous, plan, frame, catalogue, notes, lang, lim) if previous else []
    return finish(plan, lang, fmt, documents, cards, sections, scoreboard, summary, [], findings, changes,
                  chart_specs(fmt, figures, catalogue)[:lim.charts], notes, catalogue)


def select_cards(fmt, figures: dict[str, Figures], catalogue, notes, lim: Limits) -> list[Card]:
    """Up to eight cards: headline indicators with a value, the ones with a change first."""
    ranked = sorted(figures.items(), key=lambda kv: (
        0 if catalogue.get(kv[0]) and catalogue[kv[0]].headline else 1, 0 if kv[1].change else 1))
    cards = []
    for i, f in ranked:
        label = label_of(i, f.level, catalogue, fmt.lang)
        card = card_for(fmt, label, f, good_of(i, catalogue), notes) if label else None
        if card:
            cards.append(card)
        if len(cards) == lim.cards:
            break
    return cards


def period_sections(fmt, figures, catalogue, notes, period, lim: Limits) -> list[Section]:
    by_section: dict[str, list[Sentence]] = {k: [] for k in SECTION_ORDER}
    structure = structure_sentence(fmt, figures, catalogue, notes)
    for i, f in figures.items():
        if structure and i not in ("grdp",) and by_section["economy"]:
            by_section["economy"].insert(1, structure)
            structure = None
        if i in SECTOR_IDS and f.level is None and f.change is None:
            continue
        key = section_of(i, catalogue)
        if len(by_section[key]) >= lim.sentences:
            continue
        lead = f.level or f.share
        label = label_of(i, lead or f.change, catalogue, fmt.lang)
        text = figure_sentence(fmt, label, f, good_of(i, catalogue),
                               show_period=bool(lead and lead.period != period)) if label else None
        if text:
            by_section[key].append(Sentence(text, notes.cite(f.level or f.share, f.change, f.plan, f.rank)))
    if structure:
        by_section["economy"].insert(1, structure)
    return [Section(k, fmt.t.gettext(SECTION_TITLES[k]), by_section[k]) for k in SECTION_ORDER]


def scoreboard_rows(fmt, frame, catalogue, notes, lang, lim: Limits) -> tuple[list[ScoreRow], str]:
    """Resolution targets for 2025 against what was achieved in 2025, with the 2030 target (pivot)."""
    rows = usable(frame, catalogue, lang)
    rows = rows[((rows.kind == "target") & rows.period.isin(["2025", "2030"]))
                | (rows.kind.isin(LEVEL_KINDS) & (rows.period == "2025"))]
    if rows.empty or not (rows.kind == "target").any():
        return [], ""
    rows = rows.assign(column=rows.kind.map(lambda k: "target" if k == "target" else "actual") + "_" + rows.period)
    pivot = rows.sort_values(["source", "line"]).pivot_table(index="indicator", columns="column", values="obs",
                                                              aggfunc="first")
    out, met = [], 0
    for i in ordered_indicators(pivot.index, catalogue):
        cell = lambda c: pivot.at[i, c] if c in pivot.columns and isinstance(pivot.at[i, c], Observation) else None  # noqa: E731
        t25, a25, t30 = cell("target_2025"), cell("actual_2025"), cell("target_2030")
        if t25 is None and t30 is None:
            continue
        if len(out) == lim.score_rows:
            break
        status = target_status(t25, a25, good_of(i, catalogue))
        met += status == "met"
        out.append(ScoreRow(label_of(i, t25 or t30 or a25, catalogue, lang),
                            value_text(fmt, t25) if t25 else "–", value_text(fmt, a25) if a25 else "–",
                            status, value_text(fmt, t30) if t30 else "–", notes.cite(t25, a25, t30)))
    judged = sum(r.status != "unknown" for r in out)
    return out, phrases.targets_met_phrase(fmt, met, judged) if judged else ""


def target_status(target: Observation | None, achieved: Observation | None, good: str) -> str:
    """Met when the achieved value is on the good side of the target (at or above for "up")."""
    if target is None or achieved is None or target.unit != achieved.unit or good == "neutral":
        return "unknown"
    ok = achieved.value >= target.value if good == "up" else achieved.value <= target.value
    return "met" if ok else "not_met"


def previous_plan(plan: BriefPlan, documents: list[Document]) -> BriefPlan | None:
    plans = [p for p in plan_briefs(documents) if p.kind == "period"]
    idx = [p.brief_id for p in plans].index(plan.brief_id)
    return plans[idx - 1] if idx > 0 else None


def changes_since(fmt, previous, plan, frame, catalogue, notes, lang, lim: Limits) -> list[Sentence]:
    """Indicators both briefs report: the previous value next to this one."""
    before = usable(frame[frame.source.isin(previous.sources)], catalogue, lang)
    now = usable(frame[frame.source.isin(plan.sources)], catalogue, lang)
    out = []
    for i in ordered_indicators(set(before.indicator) & set(now.indicator), catalogue):
        a = pick_figures(before[before.indicator == i], i, previous.period, unit_of(i, catalogue)).level
        b = pick_figures(now[now.indicator == i], i, plan.period, unit_of(i, catalogue)).level
        if a is None or b is None or a.unit != b.unit or a.period == b.period:
            continue
        label = phrases.sentence_case(label_of(i, b, catalogue, lang))
        text = f"{label}: {value_text(fmt, a)} ({fmt.short_period(a.period)}) → {value_text(fmt, b)} ({fmt.short_period(b.period)})"
        out.append(Sentence(text, notes.cite(a, b)))
        if len(out) == lim.changes:
            break
    return out


def compose_meeting(plan, lang, fmt, documents, frame, findings, catalogue, notes, lim: Limits) -> BriefView:
    """Latest value of each headline indicator, its earlier values, target and trend."""
    rows = usable(frame, catalogue, lang)
    headline = [i for i in ordered_indicators(rows.indicator, catalogue)
                if not catalogue or (catalogue.get(i) and catalogue[i].headline)]
    latest: dict[str, Figures] = {}
    series_rows, series_chart, by_section = [], [], {k: [] for k in SECTION_ORDER}
    for i in headline[:lim.series_rows]:
        r = rows[rows.indicator == i]
        levels = history(r, unit_of(i, catalogue))
        if not levels:
            continue
        last = levels[-1]
        same = r[r.period == last.period]
        f = Figures(i, last, first(same[same.kind.isin(CHANGE_KINDS)]), first(same[same.kind == "plan_pct"]),
                    first(same[same.kind == "rank"]), None, latest_target(r, last))
        latest[i] = f
        label = label_of(i, last, catalogue, lang)
        trend = trend_of(levels, f.change)
        earlier = [o for o in levels[:-1] if o.unit == last.unit][-3:]
        series_rows.append(SeriesRow(
            label, "; ".join(f"{fmt.short_period(o.period)}: {value_text(fmt, o)}" for o in earlier) or "–",
            f"{value_text(fmt, last)} ({fmt.short_period(last.period)})",
            f"{value_text(fmt, f.target)} ({fmt.short_period(f.target.period)})" if f.target else "–",
            trend, notes.cite(*earlier, last, f.target)))
        key = section_of(i, catalogue)
        if len(by_section[key]) < lim.sentences:
            text = figure_sentence(fmt, label, f, good_of(i, catalogue), show_period=True)
            if text:
                by_section[key].append(Sentence(text, notes.cite(last, f.change, f.plan, f.rank)))
        comparable = [o for o in levels if o.unit == last.unit and o.unit in ("pct", "per_10k")]
        if len(comparable) >= 2 and len(series_chart) < 4:
            series_chart.append((label, [(fmt.short_period(o.period), o.value) for o in comparable], last.unit))
    cards = select_cards(fmt, latest, catalogue, notes, lim)
    sections = [Section(k, fmt.t.gettext(SECTION_TITLES[k]), by_section[k]) for k in SECTION_ORDER]
    scoreboard, summary = scoreboard_rows(fmt, frame, catalogue, notes, lang, lim)
    charts = []
    if series_chart and lim.charts:
        _ = fmt.t.gettext
        alt = " ".join(f"{lab}: " + "; ".join(f"{p} {fmt.quantity(v, u)}" for p, v in pts) + "." for lab, pts, u in series_chart)
        charts.append(ChartSpec("series", _("Headline rates over time"), series_chart, alt))
    return finish(plan, lang, fmt, documents, cards, sections, scoreboard, summary, series_rows, findings, [],
                  charts, notes, catalogue)


def history(rows: pd.DataFrame, expected: str | None = None) -> list[Observation]:
    """Level values by period, oldest first; for a period reported twice, the later document wins."""
    levels = levels_of(rows, expected)
    levels = levels[~levels.period.str.contains("/")] if len(levels) else levels
    if levels.empty:
        return []
    levels = levels.sort_values(["end", "doc_date", "line"], ascending=[True, False, True])
    return list(levels.drop_duplicates("period", keep="first").obs)


def latest_target(rows: pd.DataFrame, last: Observation) -> Observation | None:
    targets = rows[(rows.kind == "target") & (rows.end >= period_end(last.period))]
    return first(targets[targets.end == targets.end.min()]) if not targets.empty else None


def trend_of(levels: list[Observation], change: Observation | None) -> str | None:
    """Direction of the last move between comparable values (same unit, same period length),
    else the sign of the reported change."""
    last = levels[-1]
    kind = "H" if "-H" in last.period else ("Y" if last.period.isdigit() else "other")
    same = [o for o in levels[:-1] if o.unit == last.unit and
            ("H" if "-H" in o.period else ("Y" if o.period.isdigit() else "other")) == kind]
    if same:
        return direction_of(last.value - same[-1].value)
    return direction_of(change.value) if change else None


def finish(plan, lang, fmt, documents, cards, sections, scoreboard, summary, series, findings, changes, charts,
           notes, catalogue) -> BriefView:
    """Header, findings, headlines: the parts every kind of brief shares."""
    _ = fmt.t.gettext
    docs = [d for d in documents if d.source in plan.sources]
    created = max((document_date(d) for d in docs), default=date(2000, 1, 1))
    if plan.kind == "meeting":
        title = _("Điện Biên province: latest figures for meetings")
        period = _("Latest figures from %(num)s documents") % {"num": len(docs)}
    else:
        period = phrases.sentence_case(fmt.period(plan.period))
        title = _("Điện Biên province brief: %(period)s") % {"period": fmt.period(plan.period)}
    finding_items = [
        Sentence(phrases.finding_sentence(fmt, f.code, label_of(f.indicator, None, catalogue, lang)
                                          if f.indicator else None, f.period, f.values), notes.cite(*[ref_obs(r) for r in f.refs]))
        for f in relevant_findings(findings, plan)]
    headlines = [s.text for s in headline_sentences(sections)]
    return BriefView(plan.brief_id, plan.kind, lang, title, period, fmt.date(created),
                     [(d.title, d.source) for d in docs], cards, sections, scoreboard, summary, series,
                     finding_items, changes, charts, notes.notes, headlines, notes.used, created)


def relevant_findings(findings: list[Finding], plan: BriefPlan) -> list[Finding]:
    return [f for f in findings if any(r.source in plan.sources for r in f.refs)][:8]


def ref_obs(ref) -> Observation:
    """A finding's reference as a citable span (the quote is unknown here; the source page shows it)."""
    return Observation(ref.source, ref.line, "", Decimal(0), "", "", "", None, "", None, start=ref.start, end=ref.end)


def headline_sentences(sections: list[Section]) -> list[Sentence]:
    """Up to 5 sentences for the email, round-robin over sections so they cover the whole brief."""
    out, depth = [], max((len(sec.sentences) for sec in sections), default=0)
    for k in range(depth):
        out += [sec.sentences[k] for sec in sections if len(sec.sentences) > k]
    return out[:5]

