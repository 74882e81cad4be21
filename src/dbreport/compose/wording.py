"""Figures worded in the brief's language: values, narrative sentences, cards, chart data.

The words come from gettext through dbreport.phrases; this module decides which pieces of an
indicator's figures go into a sentence or a card, under the rules of rules.py: a change only
with its base, a share of plan named by what it is a share of, a yearly average called one,
the source's qualifiers (crop season, price basis, the field of a rank) kept.
"""
from __future__ import annotations

import re

from dbreport import phrases
from dbreport.formatting import Formatter, glossary
from dbreport.model import Observation

from . import rules
from .figures import (SECTOR_IDS, Figures, Indicators, NoteBook, direction_of, good_of, is_headline, label_of,
                      tone_of)
from .views import Card, ChartSpec, Limits, Sentence


def value_text(fmt: Formatter, o: Observation, label: str | None = None) -> str:
    """`7.155,29 tỷ đồng`, `over VND 1,200 billion`, `45–50%` for a range; without the unit word when
    `label` already names it ("Tourist arrivals are estimated at 1,368,190", not "... arrivals")."""
    unit = o.unit
    if label:
        word = re.sub(r"\{n\}", "", glossary()["units"].get(o.unit, {}).get(fmt.lang, "")).strip()
        if word and word.isalpha() and rules.found([word.lower()], label.lower()):
            unit = "count"
    text = fmt.quantity(o.value, unit, o.qualifier)
    if o.value_high is not None:
        low = fmt.decimal(o.value)
        text = text.replace(low, f"{low}–{fmt.decimal(o.value_high)}", 1)
    return text


def qualified_label(fmt: Formatter, label: str, o: Observation | None, line: str) -> str:
    """The label with the qualifier its source line puts before the figure (`winter–spring crop`)."""
    q = rules.label_qualifier(o, line, fmt.lang) if o is not None else None
    return f"{label} ({q})" if q else label


def period_text(fmt: Formatter, o: Observation, line: str) -> str:
    """The period as the source states it. A stock's date is printed only as precisely as the
    source line gives it: `tính đến tháng 6/2024` is "to June 2024", `đến nay` in a half-year
    report "to date" (the report was written before its period ended), never "as of 30 June 2024"."""
    m = re.fullmatch(r"as-of (\d{4})-(\d\d)-(\d\d)", o.period)
    if not m:
        return fmt.period(o.period)
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    text = line.lower()
    if re.search(rf"(?<!\d){day}\s*(?:/|tháng)\s*0?{month}(?!\d)", text):
        return fmt.period(o.period)
    if re.search(rf"tháng\s+0?{month}(?!\d)", text):
        return fmt.t.gettext("to %(month)s") % {"month": fmt.period(f"{year}-{month:02d}")}
    return fmt.t.gettext("to date")


def opening_clause(fmt: Formatter, label: str, lead: Observation, good: str, show_period: bool, line: str) -> str:
    """How much the indicator was, said as what it measures: an average annual growth rate is a
    rise a year, a yearly average is one, a flow over a term is its total; the price basis kept."""
    basis = rules.price_basis(lead, line, fmt.lang)
    period = period_text(fmt, lead, line)
    if rules.average_growth(lead):
        opening = phrases.average_growth_phrase(fmt, label, value_text(fmt, lead, label), period)
    elif rules.basis_of(lead, line) == "average":
        opening = phrases.average_phrase(fmt, label, value_text(fmt, lead, label), period)
    elif rules.term_total(lead):
        opening = phrases.total_phrase(fmt, label, value_text(fmt, lead, label), period)
    elif (event := phrases.count_event(fmt, lead.indicator, lead.value, lead.unit, lead.kind, lead.qualifier)):
        opening = f"{event} ({period})" if show_period else event
    else:
        opening = phrases.level_phrase(fmt, label, value_text(fmt, lead, label), lead.kind, good)
        if show_period:
            return f"{opening} ({period}, {basis})" if basis else f"{opening} ({period})"
    return f"{opening} ({basis})" if basis else opening


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
    opening = opening_clause(fmt, label, lead, good, show_period, line(lead))
    change = phrases.change_phrase(fmt, f.change.value, f.change.unit, f.change.comparison) if f.change else None
    return phrases.join_clauses(opening, [change] + clauses)


def rank_clause(fmt: Formatter, ranks: tuple[Observation, ...], line) -> str | None:
    """"ranking 3rd of 14 provinces in the Northern Midlands and Mountains and 10th of 63 provinces
    and cities nationwide": every rank the line states, each with its field when the line names it."""
    parts = [phrases.rank_phrase(fmt, r.value, phrases.rank_total(r.quote), rules.rank_field(r, line(r), fmt.lang))
             for r in ranks]
    return fmt.t.gettext(" and ").join(p for p in parts if p) or None


def sentence_figures(f: Figures) -> tuple:
    """The figures figure_sentence prints: a share of plan only when its base is named."""
    printed_plan = f.plan if f.plan_base in phrases.PLAN_SHARES else None
    return (f.level or f.share, f.change, printed_plan, *f.ranks)


def card_period(fmt: Formatter, o: Observation, line: str) -> str:
    """The card's period line, with what the value measures, whether the source estimates it and its
    price basis: "2021–2025, average annual growth", "2025, estimate, at constant prices"."""
    _ = fmt.t.gettext
    period = fmt.short_period(o.period)
    if rules.average_growth(o):
        period = _("%(period)s, average annual growth") % {"period": period}
    elif rules.basis_of(o, line) == "average":
        period = _("%(period)s, yearly average") % {"period": period}
    elif rules.term_total(o):
        period = _("%(period)s, total") % {"period": period}
    if o.kind == "estimate":
        period = _("%(period)s, estimate") % {"period": period}
    basis = rules.price_basis(o, line, fmt.lang)
    return f"{period}, {basis}" if basis else phrases.sentence_case(period)


def card_for(fmt: Formatter, label: str, f: Figures, good: str, notes: NoteBook, line=lambda o: "") -> Card | None:
    """A card shows one period's level, with its change (a multiple as "2.19 times the level of
    ..."), its share of plan and what the value measures."""
    if f.level is None:
        return None
    c = f.change
    factor = phrases.change_phrase(fmt, c.value, c.unit, c.comparison) if c and c.unit == "times" else None
    plan = phrases.plan_share(fmt, f.plan.value, f.plan_base) if f.plan else None
    card = Card(label=label, value=value_text(fmt, f.level), period=phrases.sentence_case(card_period(fmt, f.level, line(f.level))),
                direction=direction_of(c.value - 1 if factor else c.value) if c else None,
                tone=tone_of((c.value - 1 if factor else c.value) if c else None, good),
                change=factor or (fmt.signed(c.value, c.unit) if c else None),
                against=None if factor else (phrases.comparison_phrase(fmt, c.comparison) if c else None), plan=plan)
    text = " | ".join(p for p in (card.label, card.value, card.period, card.change, card.against, card.plan) if p)
    shown = (f.level, c, f.plan if plan else None)
    card.notes = notes.state("card", text, "level_change" if c else "level", *shown)
    card.figures = tuple(o.ref for o in shown if o is not None)
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
                period: str | None = None, line=lambda o: "") -> list[ChartSpec]:
    """GRDP structure, growth by sector and share of plan, each when it has two values or more.
    The plan chart takes only shares of the plan itself (not of a budget estimate or a target)."""
    _ = fmt.t.gettext
    label = lambda i, o: qualified_label(fmt, label_of(i, o, catalogue, fmt.lang) or i, o, line(o))  # noqa: E731
    shares = [(label(s, figures[s].share), figures[s].share.value) for s in SECTOR_IDS
              if s in figures and figures[s].share is not None]
    growth = [(label(s, figures[s].change), figures[s].change.value) for s in ("grdp",) + SECTOR_IDS[:3]
              if s in figures and figures[s].change is not None and figures[s].change.unit == "pct"
              and figures[s].change.comparison == "same_period"]
    planned = [i for i, f in figures.items() if f.plan is not None and f.plan_base == "plan"][:8]
    plan = [(label(i, figures[i].level or figures[i].plan), figures[i].plan.value) for i in planned]
    pace = rules.year_elapsed(period) if period else None
    seasonal = any(catalogue[i].category in glossary()["claims"]["seasonal_categories"] for i in planned if i in catalogue)
    plan_title = ((_("Share of the annual plan achieved (%)"), _("Share of the annual plan achieved")) if pace is not None
                  else (_("Share of the plan achieved (%)"), _("Share of the plan achieved")))  # a term's plan is no year's
    charts = [("structure", _("GRDP structure by sector (%)"), _("GRDP structure by sector"), shares),
              ("growth", _("Growth by sector over the same period (%)"), _("Growth by sector"), growth),
              ("plan", *plan_title, plan)]
    out = []
    for kind, title, short, pairs in charts:
        if len(pairs) < 2:
            continue
        alt = f"{short}: {values_text(fmt, pairs, 'pct')}."
        line_at = pace if kind == "plan" and not seasonal else None  # 46% of a cereal plan by June is no delay
        if line_at is not None:
            alt += " " + _("The dotted line marks %(pct)s, the share of the year elapsed.") % {"pct": fmt.percent(line_at)}
        out.append(ChartSpec(kind, title, pairs, alt, line_at))
    return out


def values_text(fmt: Formatter, pairs, unit: str) -> str:
    """Every value a chart draws, for its text alternative: "Services 12.17%; GRDP 8.75%"."""
    return "; ".join(f"{lab} {fmt.quantity(v, unit)}" for lab, v in pairs)
