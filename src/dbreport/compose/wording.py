"""Figures worded in the brief's language: values, narrative sentences, cards, chart data.

The words come from gettext through dbreport.phrases; this module decides which pieces of an
indicator's figures go into a sentence or a card, under the rules of rules.py: a change only
with its base, a share of plan named by what it is a share of, a yearly average called one,
the source's qualifiers (crop season, price basis, the field of a rank) kept.
"""
from __future__ import annotations

from dbreport import phrases
from dbreport.formatting import Formatter
from dbreport.model import Observation

from . import rules
from .figures import (SECTOR_IDS, Figures, Indicators, NoteBook, direction_of, good_of, is_headline, label_of,
                      tone_of)
from .views import Card, ChartSpec, Limits, Sentence


def value_text(fmt: Formatter, o: Observation) -> str:
    """`7.155,29 tỷ đồng`, `over VND 1,200 billion`, `45–50%` for a range."""
    text = fmt.quantity(o.value, o.unit, o.qualifier)
    if o.value_high is not None:
        low = fmt.decimal(o.value)
        text = text.replace(low, f"{low}–{fmt.decimal(o.value_high)}", 1)
    return text


def qualified_label(fmt: Formatter, label: str, o: Observation | None, line: str) -> str:
    """The label with the qualifier its source line puts before the figure (`winter–spring crop`)."""
    q = rules.label_qualifier(o, line, fmt.lang) if o is not None else None
    return f"{label} ({q})" if q else label


def figure_sentence(fmt: Formatter, label: str, f: Figures, good: str, show_period: bool, line=lambda o: "") -> str | None:
    """One narrative sentence for one indicator, from the pieces the data has."""
    lead = f.level or f.share
    if lead is None and f.change is None:
        return None
    clauses = [phrases.plan_phrase(fmt, f.plan.value, f.plan_base) if f.plan else None,
               rank_clause(fmt, f.ranks, line)]
    if lead is None:  # only a change: the change is the verb ("Tourist arrivals rose 26% ...")
        if show_period:  # "Total road length (2025) rose 874 km compared with 2020"
            label = f"{label} ({fmt.period(f.change.period)})"
        opening = phrases.movement_phrase(fmt, label, f.change.value, f.change.unit, f.change.comparison)
        return phrases.join_clauses(opening, clauses)
    if rules.basis_of(lead, line(lead)) == "average":
        opening = phrases.average_phrase(fmt, label, value_text(fmt, lead), fmt.period(lead.period))
    else:
        opening = phrases.level_phrase(fmt, label, value_text(fmt, lead), lead.kind, good)
        basis = rules.price_basis(lead, line(lead), fmt.lang)
        if basis:
            opening += f" ({basis})"
        if show_period:
            opening += f" ({fmt.period(lead.period)})"
    change = phrases.change_phrase(fmt, f.change.value, f.change.unit, f.change.comparison) if f.change else None
    return phrases.join_clauses(opening, [change] + clauses)


def rank_clause(fmt: Formatter, ranks: tuple[Observation, ...], line) -> str | None:
    """"ranking 3rd of 14 provinces in the Northern Midlands and Mountains and 10th of 63 provinces
    and cities nationwide": every rank the line states, each with its field when the line names it."""
    parts = [phrases.rank_phrase(fmt, r.value, phrases.rank_total(r.quote), rules.rank_field(r, line(r), fmt.lang))
             for r in ranks]
    return fmt.t.gettext(" and ").join(p for p in parts if p) or None


def sentence_figures(f: Figures) -> tuple:
    return (f.level or f.share, f.change, f.plan, *f.ranks)


def card_for(fmt: Formatter, label: str, f: Figures, good: str, notes: NoteBook, line=lambda o: "") -> Card | None:
    """A card shows one period's level; a yearly average over a term is said to be one."""
    if f.level is None:
        return None
    _ = fmt.t.gettext
    c = f.change
    period = fmt.short_period(f.level.period)
    if rules.basis_of(f.level, line(f.level)) == "average":
        period = _("%(period)s, yearly average") % {"period": period}
    plan = phrases.plan_share(fmt, f.plan.value, f.plan_base) if f.plan else None
    card = Card(label=label, value=value_text(fmt, f.level), period=period,
                direction=direction_of(c.value) if c else None, tone=tone_of(c.value if c else None, good),
                change=fmt.signed(c.value, c.unit) if c else None,
                against=phrases.comparison_phrase(fmt, c.comparison) if c else None, plan=plan)
    text = " | ".join(p for p in (card.label, card.value, card.period, card.change, card.against, card.plan) if p)
    card.notes = notes.state("card", text, "level_change" if c else "level", f.level, c, f.plan if plan else None)
    return card


def select_cards(fmt: Formatter, figures: dict[str, Figures], catalogue: Indicators, notes: NoteBook,
                 lim: Limits, line=lambda o: "") -> list[Card]:
    """Up to eight cards: headline indicators with a value, the ones with a change first."""
    ranked = sorted(figures.items(), key=lambda kv: (0 if is_headline(kv[0], catalogue) else 1,
                                                     0 if kv[1].change else 1))
    cards = []
    for i, f in ranked:
        if len(cards) == lim.cards:
            break
        label = label_of(i, f.level, catalogue, fmt.lang)
        card = card_for(fmt, qualified_label(fmt, label, f.level, line(f.level)), f, good_of(i, catalogue), notes,
                        line) if label and f.level is not None else None
        if card:
            card.indicator = i
            cards.append(card)
    return cards


def structure_sentence(fmt: Formatter, figures: dict[str, Figures], catalogue: Indicators,
                       notes: NoteBook) -> Sentence | None:
    """"GRDP structure: agriculture, forestry and fishery 16.47%; ..." from the sector shares."""
    parts, cited = [], []
    for sid in SECTOR_IDS:
        f = figures.get(sid)
        if f and f.share is not None:
            parts.append(f"{phrases.inline_label(label_of(sid, f.share, catalogue, fmt.lang) or sid)} {fmt.percent(f.share.value)}")
            cited.append(f.share)
    if len(parts) < 2:
        return None
    text = fmt.t.gettext("GRDP structure: %(parts)s.") % {"parts": "; ".join(parts)}
    return Sentence(text, notes.state("structure", text, "shares", *cited))


# --- chart data ---------------------------------------------------------------------------------
def chart_specs(fmt: Formatter, figures: dict[str, Figures], catalogue: Indicators,
                period: str | None = None) -> list[ChartSpec]:
    """GRDP structure, growth by sector and share of plan, each when it has two values or more.
    The plan chart takes only shares of the plan itself (not of a budget estimate or a target)."""
    _ = fmt.t.gettext
    label = lambda i, o: label_of(i, o, catalogue, fmt.lang) or i  # noqa: E731
    shares = [(label(s, figures[s].share), figures[s].share.value) for s in SECTOR_IDS
              if s in figures and figures[s].share is not None]
    growth = [(label(s, figures[s].change), figures[s].change.value) for s in ("grdp",) + SECTOR_IDS[:3]
              if s in figures and figures[s].change is not None and figures[s].change.unit == "pct"
              and figures[s].change.comparison == "same_period"]
    plan = [(label(i, f.plan), f.plan.value) for i, f in figures.items()
            if f.plan is not None and f.plan_base == "plan"][:8]
    charts = [("structure", _("GRDP structure by sector (%)"), _("GRDP structure by sector"), shares),
              ("growth", _("Growth by sector over the same period (%)"), _("Growth by sector"), growth),
              ("plan", _("Share of the annual plan achieved (%)"), _("Share of the annual plan achieved"), plan)]
    pace = rules.year_elapsed(period) if period else None
    out = []
    for kind, title, short, pairs in charts:
        if len(pairs) < 2:
            continue
        alt = f"{short}: {values_text(fmt, pairs, 'pct')}."
        if kind == "plan" and pace is not None:
            alt += " " + _("The dotted line marks %(pct)s, the share of the year elapsed.") % {"pct": fmt.percent(pace)}
        out.append(ChartSpec(kind, title, pairs, alt, pace if kind == "plan" else None))
    return out


def values_text(fmt: Formatter, pairs, unit: str) -> str:
    """Every value a chart draws, for its text alternative: "Services 12.17%; GRDP 8.75%"."""
    return "; ".join(f"{lab} {fmt.quantity(v, unit)}" for lab, v in pairs)
