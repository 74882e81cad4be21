"""The period brief: the figures one reporting period's documents give, by section, with what
changed since the previous period's brief."""
from __future__ import annotations

from dbreport import phrases
from dbreport.formatting import Formatter

from . import rules
from .brief import Context, finish, plan_briefs, previous_plan
from .figures import (SECTOR_IDS, Figures, Table, good_of, group_by, label_of, main_first, ordered_indicators,
                      pick_figures, section_of, unit_fits, unit_of, usable)
from .scoreboard import scoreboard_rows
from .views import SECTION_ORDER, SECTION_TITLES, BriefPlan, BriefView, Card, Limits, Section, Sentence
from .wording import (chart_specs, figure_sentence, qualified_label, select_cards, sentence_figures,
                      structure_sentence, value_text)


def figures_of(ctx: Context, rows: Table, period: str) -> dict[str, Figures]:
    """Each indicator's figures for `period`, in one pass over the table grouped by indicator."""
    groups = group_by(rows, lambda r: r.indicator)
    out = {}
    for i in ordered_indicators(groups, ctx.catalogue):
        f = pick_figures(groups[i], i, period, unit_of(i, ctx.catalogue))
        f.plan_base = rules.plan_base(f.plan, ctx.line(f.plan))
        out[i] = f
    return out


def compose_period(ctx: Context, plan: BriefPlan, lim: Limits) -> BriefView:
    fmt, catalogue, notes = ctx.fmt, ctx.catalogue, ctx.notes
    own = [r for r in ctx.frame if r.source in plan.sources]
    if all(d.default_kind == "target" for d in ctx.documents if d.source in plan.sources):
        # a plan or a budget resolution states aims, no results: its brief says them as targets, on no result card
        return finish(ctx, plan, [], target_sections(ctx, own, lim), [], "", [], [], [], lim)
    figures = figures_of(ctx, usable(own, catalogue, fmt.lang), plan.period)
    cards = select_cards(fmt, figures, catalogue, notes, lim, ctx.line)
    sections = period_sections(ctx, figures, plan.period, lim, cards)
    scoreboard, summary = scoreboard_rows(ctx, own, lim)
    previous = previous_plan(plan, plan_briefs(ctx.documents))
    changes = changes_since(ctx, previous, plan, lim) if previous else []
    return finish(ctx, plan, cards, sections, scoreboard, summary, [], changes,
                  chart_specs(fmt, figures, catalogue, plan.period, ctx.line)[:lim.charts], lim)


def period_sections(ctx: Context, figures: dict[str, Figures], period: str, lim: Limits,
                    cards: list[Card]) -> list[Section]:
    """The sections with figures, in order; each with up to `lim.sentences` sentences, the GRDP
    structure second. A figure a card shows is not repeated as a bullet unless the sentence says
    more (a rank, ...)."""
    fmt, catalogue = ctx.fmt, ctx.catalogue
    by_section: dict[str, list[Sentence]] = {k: [] for k in SECTION_ORDER}
    structure = structure_sentence(fmt, figures, catalogue, ctx.notes)
    carded = {c.indicator: c for c in cards}
    for i, f in main_first(figures, catalogue):
        if structure and i not in ("grdp",) and by_section["economy"]:
            by_section["economy"].insert(1, structure)
            structure = None
        if i in SECTOR_IDS and f.level is None and f.change is None:
            continue
        key = section_of(i, catalogue)
        if len(by_section[key]) >= lim.sentences and i not in carded:
            continue
        shown = f.level or f.share or f.change
        label = label_of(i, shown, catalogue, fmt.lang)
        if not label:
            continue
        if i in SECTOR_IDS[:3] and f.level is not None:  # a sector's level in money is its value added
            label = fmt.t.gettext("Value added of the %(sector)s") % {"sector": phrases.inline_label(label)}
        text = figure_sentence(fmt, qualified_label(fmt, label, shown, ctx.line(shown)), f, good_of(i, catalogue),
                               show_period=bool(shown and shown.period != period), line=ctx.line)
        if text:
            add_sentence(ctx, by_section[key], carded.get(i), text, f)
    if structure:
        by_section["economy"].insert(1, structure)
    return sections_in_order(fmt, by_section)


def target_sections(ctx: Context, own: Table, lim: Limits) -> list[Section]:
    """The aims of a plan's documents, by section, each said as a target for its year ("The target
    for the share of ... by 2030 is 80%"). An aimed change or rate a year (`tăng bình quân 8%/năm`,
    `giảm 5%`) is left out: "the target is 8%" would drop what it is a rate of."""
    fmt, catalogue = ctx.fmt, ctx.catalogue
    aims = [r for r in usable(own, catalogue, fmt.lang) if r.kind == "target" and unit_fits(unit_of(r.indicator, catalogue), r.unit)
            and not {"annual_average", "average_growth", "target_increase", "target_reduction", "denominator",
                     "range_high"} & set(r.obs.flags)]
    groups = group_by(aims, lambda r: r.indicator)
    by_section: dict[str, list[Sentence]] = {k: [] for k in SECTION_ORDER}
    for i in ordered_indicators(groups, catalogue):
        key = section_of(i, catalogue)
        if len(by_section[key]) >= lim.sentences:
            continue
        o = max(groups[i], key=lambda r: r.end).obs  # the aim for the latest year the document names
        label = qualified_label(fmt, label_of(i, o, catalogue, fmt.lang) or i, o, ctx.line(o))
        text = phrases.join_clauses(phrases.level_phrase(fmt, label, value_text(fmt, o, label), "target",
                                                         good_of(i, catalogue), o.period), [])
        by_section[key].append(Sentence(text, ctx.notes.state("sentence", text, "level", o)))
    return sections_in_order(fmt, by_section)


def add_sentence(ctx: Context, sentences: list[Sentence], card: Card | None, text: str, f: Figures) -> None:
    """A bullet for the figures, unless a card already shows all of them: then the sentence is the
    card's, for the emailed headlines."""
    figures = [o for o in sentence_figures(f) if o is not None]
    if card is not None and {o.ref for o in figures} <= set(card.figures):
        card.sentence = text
        return
    relation = "level_change" if (f.level or f.share) and f.change else ("change" if f.change else "level")
    sentences.append(Sentence(text, ctx.notes.state("sentence", text, relation, *figures)))


def sections_in_order(fmt: Formatter, by_section: dict[str, list[Sentence]]) -> list[Section]:
    """The sections in order that have something to say. A section with no sentence is left out:
    "no figures" or "all its figures are on the cards" would be claims about the sources that a
    brief showing some of them cannot make."""
    return [Section(k, fmt.t.gettext(SECTION_TITLES[k]), by_section[k]) for k in SECTION_ORDER if by_section[k]]


def changes_since(ctx: Context, previous: BriefPlan, plan: BriefPlan, lim: Limits) -> list[Sentence]:
    """Indicators both briefs report, the previous value next to this one: only values of the same
    unit, basis and period length (a year is no base for a half year, nor a count at a date for a
    year's flow)."""
    fmt, catalogue = ctx.fmt, ctx.catalogue
    before = figures_of(ctx, usable([r for r in ctx.frame if r.source in previous.sources], catalogue, fmt.lang),
                        previous.period)
    now = figures_of(ctx, usable([r for r in ctx.frame if r.source in plan.sources], catalogue, fmt.lang), plan.period)
    out = []
    for i in ordered_indicators(set(before) & set(now), catalogue):
        a, b = before[i].level, now[i].level
        if (a is None or b is None or a.unit != b.unit or a.period == b.period
                or rules.period_length(a.period) != rules.period_length(b.period)
                or rules.basis_of(a, ctx.line(a)) != rules.basis_of(b, ctx.line(b))):
            continue
        text = fmt.t.gettext("%(label)s: from %(before)s (%(then)s) to %(after)s (%(now)s)") % {
            "label": phrases.sentence_case(label_of(i, b, catalogue, fmt.lang)),
            "before": value_text(fmt, a), "then": fmt.short_period(a.period),
            "after": value_text(fmt, b), "now": fmt.short_period(b.period)}  # words, not "→": no glyph in Noto Sans
        out.append(Sentence(text, ctx.notes.state("change", text, "from_to", a, b)))
        if len(out) == lim.changes:
            break
    return out
