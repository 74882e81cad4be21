"""The meeting brief: per indicator, the newest figure by the end of its period (each with its
period), beside earlier values of the same period length, a target of the same basis and length,
and the trend between comparable values."""
from __future__ import annotations

from dbreport.formatting import period_end
from dbreport.model import Observation

from . import rules
from .brief import Context, finish
from .figures import (CHANGE_KINDS, LEVEL_KINDS, Figures, Row, Table, first, good_of, group_by, is_headline, label_of, levels_of,
                      ordered_indicators, ranks_of, section_of, unit_of, usable, direction_of)
from .period import add_sentence, sections_in_order
from .scoreboard import scoreboard_rows
from .views import SECTION_ORDER, BriefPlan, BriefView, ChartSpec, Limits, SeriesRow
from .wording import figure_sentence, qualified_label, select_cards, value_text, values_text


def compose_meeting(ctx: Context, plan: BriefPlan, lim: Limits) -> BriefView:
    fmt, catalogue, notes = ctx.fmt, ctx.catalogue, ctx.notes
    rows = usable(ctx.frame, catalogue, fmt.lang)
    groups = group_by(rows, lambda r: r.indicator)
    found = {i: f for i in ordered_indicators(groups, catalogue) if (f := newest(ctx, groups[i], i)) is not None}
    newest_end = max((period_end((f.level or f.change).period) for f in found.values()), default=None)
    # headline indicators, and any other whose figure is of the newest period (a new report's news)
    latest = {i: f for i, f in found.items() if not catalogue or is_headline(i, catalogue)
              or period_end((f.level or f.change).period) == newest_end}
    cards = select_cards(fmt, latest, catalogue, notes, lim, ctx.line)
    carded = {c.indicator: c for c in cards}
    series_rows, series_chart, by_section = [], [], {k: [] for k in SECTION_ORDER}
    for i, f in latest.items():
        shown = f.level or f.change
        label = qualified_label(fmt, label_of(i, shown, catalogue, fmt.lang) or i, shown, ctx.line(shown))
        levels = comparable_history(groups[i], unit_of(i, catalogue), shown)
        if f.level is not None and len(series_rows) < lim.series_rows:
            earlier = levels[:-1][-3:]
            row = SeriesRow(label, "; ".join(f"{fmt.short_period(o.period)}: {value_text(fmt, o)}" for o in earlier)
                            or "–", series_cell(ctx, f.level), series_cell(ctx, f.target) if f.target else "–",
                            trend_of(levels, f.change), [])
            text = " | ".join((row.label, row.earlier, row.latest, row.target, row.trend or "–"))
            row.notes = notes.state("series", text, "history", *earlier, f.level, f.target)
            series_rows.append(row)
            values = [o for o in levels if o.unit in ("pct", "per_10k")]
            if len(values) >= 2 and len(series_chart) < 4:
                series_chart.append((label, [(fmt.short_period(o.period), o.value) for o in values], f.level.unit))
        key = section_of(i, catalogue)
        if len(by_section[key]) < lim.sentences or i in carded:
            text = figure_sentence(fmt, label, f, good_of(i, catalogue), show_period=True, line=ctx.line)
            if text:
                add_sentence(ctx, by_section[key], carded.get(i), text, f)
    scoreboard, summary = scoreboard_rows(ctx, ctx.frame, lim)
    charts = []
    if series_chart and lim.charts:
        alt = " ".join(f"{lab}: {values_text(fmt, pts, unit)}." for lab, pts, unit in series_chart)
        charts.append(ChartSpec("series", fmt.t.gettext("Headline rates over time"), series_chart, alt))
    view = finish(ctx, plan, cards, sections_in_order(fmt, by_section), scoreboard, summary,
                  series_rows, [], charts, lim)
    view.series_earlier = any(r.earlier != "–" for r in series_rows)  # a column of dashes says nothing
    return view


def series_cell(ctx: Context, o: Observation) -> str:
    """A value with its period and, as its card says it, its price basis: "VND 17,970 billion (2025,
    at constant prices)" (without it a real GRDP reads as the nominal one, half its size)."""
    basis = rules.price_basis(o, ctx.line(o), ctx.fmt.lang)
    period = ctx.fmt.short_period(o.period)
    return f"{value_text(ctx.fmt, o)} ({period}, {basis})" if basis else f"{value_text(ctx.fmt, o)} ({period})"


def newest(ctx: Context, rows: Table, indicator: str) -> Figures | None:
    """The indicator's newest figure by the end of its period: a level, else a change with its base
    (Jan–Feb 2026 IIP +15.96% is newer than the 2025 index), with what the same period states. No
    target is set beside a value the documents give two values of (a conflict: two poverty
    standards), as no verdict is computed on one."""
    expected = unit_of(indicator, ctx.catalogue)
    all_levels = [r for r in levels_of(rows, expected) if not rules.projected(r.obs, ctx.doc_end(r.obs)) and r.kind != "target"]
    levels = [r for r in all_levels if rules.basis_of(r.obs, ctx.line(r.obs)) == "level"]
    changes = [r for r in rows if r.kind in CHANGE_KINDS and rules.has_base(r.obs) and rules.moves(r.obs, expected)]
    candidates = [r for r in levels + changes if not rules.projected(r.obs, ctx.doc_end(r.obs))]
    if not candidates:
        return None
    end = max(r.end for r in candidates)
    newer = [r for r in rows if r.kind in LEVEL_KINDS and rules.undated_flow(r.obs)] + all_levels
    if newer and max(r.end for r in newer) > end:
        return None  # a newer figure on another basis (9.200 a year over 2021-2025), or undated: the older level is no "latest"
    period = min((r.period for r in candidates if r.end == end), key=lambda p: ("/" in p and "-" not in p, p))  # a year rather than a term ending with it
    level = first([r for r in levels if r.period == period])

    def stated_together(r: Row) -> bool:  # of the period, on the level's statement
        return r.period == period and (level is None or rules.same_statement(level, r.obs))
    same = [r for r in rows if stated_together(r)]
    change_rows = [r for r in changes if stated_together(r)]
    preferred = [r for r in change_rows if r.obs.comparison == "same_period"]
    plan = first([r for r in same if r.kind == "plan_pct"])
    conflicted = (indicator, period) in ctx.unjudged
    f = Figures(indicator, level, first(preferred) or first(change_rows), plan, ranks_of(same), None,
                latest_target(rows, level, ctx) if level is not None and (not conflicted or rules.verdicts_said(level, ctx.frame.obs)) else None)
    f.plan_base = rules.plan_base(plan, ctx.line(plan))
    return f


def comparable_history(rows: Table, expected: str | None, shown: Observation) -> list[Observation]:
    """Level values of the same unit and period length as `shown`, oldest first; for a period
    reported twice, the later document wins."""
    return [o for o in history(rows, expected) if o.unit == shown.unit
            and rules.period_length(o.period) == rules.period_length(shown.period)
            and period_end(o.period) <= period_end(shown.period)]


def history(rows: Table, expected: str | None = None) -> list[Observation]:
    """Level values by period, oldest first; for a period reported twice, the later document wins."""
    levels = sorted((r for r in levels_of(rows, expected) if "/" not in r.period),
                    key=lambda r: (r.end, -r.doc_date.toordinal(), r.line))
    by_period: dict[str, Observation] = {}
    for r in levels:
        by_period.setdefault(r.period, r.obs)
    return list(by_period.values())


def latest_target(rows: Table, last: Observation, ctx: Context) -> Observation | None:
    """The nearest target at or after the latest value, of the same basis (an average annual rate
    is no target for a level) and the same period length (a year's target is no target for two
    months)."""
    basis = rules.basis_of(last, ctx.line(last))
    length = rules.period_length(last.period)
    targets = [r for r in rows if r.kind == "target" and r.end >= period_end(last.period)
               and rules.basis_of(r.obs, ctx.line(r.obs)) == basis and r.obs.unit == last.unit
               and rules.period_length(r.period) == length]
    return first([r for r in targets if r.end == min(t.end for t in targets)]) if targets else None


def trend_of(levels: list[Observation], change: Observation | None) -> str | None:
    """Direction of the last move between comparable values (same unit, same period length),
    else the sign of the reported change."""
    last = levels[-1] if levels else None
    same = [o for o in levels[:-1] if o.unit == last.unit
            and rules.period_length(o.period) == rules.period_length(last.period)] if last else []
    if same:
        return direction_of(last.value - same[-1].value)
    return direction_of(change.value) if change else None
