"""Figures worded in the brief's language: values, narrative sentences, cards, chart data.

The words come from gettext through dbreport.phrases; this module decides which pieces of an
indicator's figures go into a sentence or a card.
"""
from __future__ import annotations

from dbreport import phrases
from dbreport.formatting import Formatter
from dbreport.model import Observation

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


def figure_sentence(fmt: Formatter, label: str, f: Figures, good: str, show_period: bool) -> str | None:
    """One narrative sentence for one indicator, from the pieces the data has."""
    lead = f.level or f.share
    if lead is None and f.change is None:
        return None
    clauses = [phrases.plan_phrase(fmt, f.plan.value) if f.plan else None,
               phrases.rank_phrase(fmt, f.rank.value, phrases.rank_total(f.rank.quote)) if f.rank else None]
    if lead is None:  # only a change: the change is the verb ("Tourist arrivals rose 26% ...")
        if show_period:  # "Total road length (2025) rose 874 km compared with 2020"
            label = f"{label} ({fmt.period(f.change.period)})"
        opening = phrases.movement_phrase(fmt, label, f.change.value, f.change.unit, f.change.comparison)
        return phrases.join_clauses(opening, clauses)
    opening = phrases.level_phrase(fmt, label, value_text(fmt, lead), lead.kind, good)
    if show_period:
        opening += f" ({fmt.period(lead.period)})"
    change = phrases.change_phrase(fmt, f.change.value, f.change.unit, f.change.comparison) if f.change else None
    return phrases.join_clauses(opening, [change] + clauses)


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


def select_cards(fmt: Formatter, figures: dict[str, Figures], catalogue: Indicators, notes: NoteBook,
                 lim: Limits) -> list[Card]:
    """Up to eight cards: headline indicators with a value, the ones with a change first."""
    ranked = sorted(figures.items(), key=lambda kv: (0 if is_headline(kv[0], catalogue) else 1,
                                                     0 if kv[1].change else 1))
    cards = []
    for i, f in ranked:
        label = label_of(i, f.level, catalogue, fmt.lang)
        card = card_for(fmt, label, f, good_of(i, catalogue), notes) if label else None
        if card:
            cards.append(card)
        if len(cards) == lim.cards:
            break
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
    return Sentence(text, notes.cite(*cited))


# --- chart data ---------------------------------------------------------------------------------
def chart_specs(fmt: Formatter, figures: dict[str, Figures], catalogue: Indicators) -> list[ChartSpec]:
    """GRDP structure, growth by sector and share of plan, each when it has two values or more."""
    _ = fmt.t.gettext
    label = lambda i, o: label_of(i, o, catalogue, fmt.lang) or i  # noqa: E731
    shares = [(label(s, figures[s].share), figures[s].share.value) for s in SECTOR_IDS
              if s in figures and figures[s].share is not None]
    growth = [(label(s, figures[s].change), figures[s].change.value) for s in ("grdp",) + SECTOR_IDS[:3]
              if s in figures and figures[s].change is not None and figures[s].change.unit == "pct"]
    plan = [(label(i, f.plan), f.plan.value) for i, f in figures.items() if f.plan is not None][:8]
    charts = [("structure", _("GRDP structure by sector (%)"), _("GRDP structure by sector"), shares),
              ("growth", _("Growth by sector over the same period (%)"), _("Growth by sector"), growth),
              ("plan", _("Share of the annual plan achieved (%)"), _("Share of the annual plan achieved"), plan)]
    return [ChartSpec(kind, title, pairs, f"{short}: {values_text(fmt, pairs, 'pct')}.")
            for kind, title, short, pairs in charts if len(pairs) >= 2]


def values_text(fmt: Formatter, pairs, unit: str) -> str:
    """Every value a chart draws, for its text alternative: "Services 12.17%; GRDP 8.75%"."""
    return "; ".join(f"{lab} {fmt.quantity(v, unit)}" for lab, v in pairs)
