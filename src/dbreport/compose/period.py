"""The period brief: the figures one reporting period's documents give, by section, with what
changed since the previous period's brief."""
from __future__ import annotations

import pandas as pd

from dbreport import phrases
from dbreport.formatting import Formatter
from dbreport.model import Document

from .brief import Context, finish, plan_briefs
from .figures import (SECTOR_IDS, Figures, Indicators, NoteBook, good_of, label_of, ordered_indicators,
                      pick_figures, section_of, unit_of, usable)
from .scoreboard import scoreboard_rows
from .views import SECTION_ORDER, SECTION_TITLES, BriefPlan, BriefView, Limits, Section, Sentence
from .wording import chart_specs, figure_sentence, select_cards, structure_sentence, value_text


def compose_period(ctx: Context, plan: BriefPlan, lim: Limits) -> BriefView:
    fmt, catalogue, notes = ctx.fmt, ctx.catalogue, ctx.notes
    own = ctx.frame[ctx.frame.source.isin(plan.sources)]
    rows = usable(own, catalogue, fmt.lang)
    figures = {i: pick_figures(rows[rows.indicator == i], i, plan.period, unit_of(i, catalogue))
               for i in ordered_indicators(rows.indicator, catalogue)}
    cards = select_cards(fmt, figures, catalogue, notes, lim)
    sections = period_sections(fmt, figures, catalogue, notes, plan.period, lim)
    scoreboard, summary = scoreboard_rows(fmt, own, catalogue, notes, fmt.lang, lim)
    previous = previous_plan(plan, ctx.documents)
    changes = changes_since(fmt, previous, plan, ctx.frame, catalogue, notes, lim) if previous else []
    return finish(ctx, plan, cards, sections, scoreboard, summary, [], changes,
                  chart_specs(fmt, figures, catalogue)[:lim.charts])


def period_sections(fmt: Formatter, figures: dict[str, Figures], catalogue: Indicators, notes: NoteBook,
                    period: str, lim: Limits) -> list[Section]:
    """Every section in order; each with up to `lim.sentences` sentences, the GRDP structure second."""
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
        shown = lead or f.change
        text = figure_sentence(fmt, label, f, good_of(i, catalogue),
                               show_period=bool(shown and shown.period != period)) if label else None
        if text:
            by_section[key].append(Sentence(text, notes.cite(f.level or f.share, f.change, f.plan, f.rank)))
    if structure:
        by_section["economy"].insert(1, structure)
    return sections_in_order(fmt, by_section)


def sections_in_order(fmt: Formatter, by_section: dict[str, list[Sentence]]) -> list[Section]:
    return [Section(k, fmt.t.gettext(SECTION_TITLES[k]), by_section[k]) for k in SECTION_ORDER]


def previous_plan(plan: BriefPlan, documents: list[Document]) -> BriefPlan | None:
    plans = [p for p in plan_briefs(documents) if p.kind == "period"]
    idx = [p.brief_id for p in plans].index(plan.brief_id)
    return plans[idx - 1] if idx > 0 else None


def changes_since(fmt: Formatter, previous: BriefPlan, plan: BriefPlan, frame: pd.DataFrame,
                  catalogue: Indicators, notes: NoteBook, lim: Limits) -> list[Sentence]:
    """Indicators both briefs report: the previous value next to this one."""
    before = usable(frame[frame.source.isin(previous.sources)], catalogue, fmt.lang)
    now = usable(frame[frame.source.isin(plan.sources)], catalogue, fmt.lang)
    out = []
    for i in ordered_indicators(set(before.indicator) & set(now.indicator), catalogue):
        a = pick_figures(before[before.indicator == i], i, previous.period, unit_of(i, catalogue)).level
        b = pick_figures(now[now.indicator == i], i, plan.period, unit_of(i, catalogue)).level
        if a is None or b is None or a.unit != b.unit or a.period == b.period:
            continue
        text = fmt.t.gettext("%(label)s: from %(before)s (%(then)s) to %(after)s (%(now)s)") % {
            "label": phrases.sentence_case(label_of(i, b, catalogue, fmt.lang)),
            "before": value_text(fmt, a), "then": fmt.short_period(a.period),
            "after": value_text(fmt, b), "now": fmt.short_period(b.period)}  # words, not "→": no glyph in Noto Sans
        out.append(Sentence(text, notes.cite(a, b)))
        if len(out) == lim.changes:
            break
    return out

