"""The meeting brief: the latest value of each headline indicator across all documents, next to
its earlier values, its target and its trend."""
from __future__ import annotations

import pandas as pd

from dbreport.formatting import period_end
from dbreport.model import Observation

from .brief import Context, finish
from .figures import (CHANGE_KINDS, Figures, direction_of, first, good_of, is_headline, label_of, levels_of,
                      ordered_indicators, section_of, unit_of, usable)
from .period import sections_in_order
from .scoreboard import scoreboard_rows
from .views import SECTION_ORDER, BriefPlan, BriefView, ChartSpec, Limits, Sentence, SeriesRow
from .wording import figure_sentence, select_cards, value_text, values_text


def compose_meeting(ctx: Context, plan: BriefPlan, lim: Limits) -> BriefView:
    """Latest value of each headline indicator, its earlier values, target and trend."""
    fmt, catalogue, notes = ctx.fmt, ctx.catalogue, ctx.notes
    rows = usable(ctx.frame, catalogue, fmt.lang)
    headline = [i for i in ordered_indicators(rows.indicator, catalogue) if not catalogue or is_headline(i, catalogue)]
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
        label = label_of(i, last, catalogue, fmt.lang)
        earlier = [o for o in levels[:-1] if o.unit == last.unit][-3:]
        series_rows.append(SeriesRow(
            label, "; ".join(f"{fmt.short_period(o.period)}: {value_text(fmt, o)}" for o in earlier) or "–",
            f"{value_text(fmt, last)} ({fmt.short_period(last.period)})",
            f"{value_text(fmt, f.target)} ({fmt.short_period(f.target.period)})" if f.target else "–",
            trend_of(levels, f.change), notes.cite(*earlier, last, f.target)))
        key = section_of(i, catalogue)
        if len(by_section[key]) < lim.sentences:
            text = figure_sentence(fmt, label, f, good_of(i, catalogue), show_period=True)
            if text:
                by_section[key].append(Sentence(text, notes.cite(last, f.change, f.plan, f.rank)))
        comparable = [o for o in levels if o.unit == last.unit and o.unit in ("pct", "per_10k")]
        if len(comparable) >= 2 and len(series_chart) < 4:
            series_chart.append((label, [(fmt.short_period(o.period), o.value) for o in comparable], last.unit))
    cards = select_cards(fmt, latest, catalogue, notes, lim)
    scoreboard, summary = scoreboard_rows(fmt, ctx.frame, catalogue, notes, fmt.lang, lim)
    charts = []
    if series_chart and lim.charts:
        alt = " ".join(f"{lab}: {values_text(fmt, pts, unit)}." for lab, pts, unit in series_chart)
        charts.append(ChartSpec("series", fmt.t.gettext("Headline rates over time"), series_chart, alt))
    return finish(ctx, plan, cards, sections_in_order(fmt, by_section), scoreboard, summary, series_rows, [],
                  charts)


def history(rows: pd.DataFrame, expected: str | None = None) -> list[Observation]:
    """Level values by period, oldest first; for a period reported twice, the later document wins."""
    levels = levels_of(rows, expected)
    levels = levels[~levels.period.str.contains("/")] if len(levels) else levels
    if levels.empty:
        return []
    levels = levels.sort_values(["end", "doc_date", "line"], ascending=[True, False, True])
    return list(levels.drop_duplicates("period", keep="first").obs)


def latest_target(rows: pd.DataFrame, last: Observation) -> Observation | None:
    """The nearest target at or after the latest value, of the same sort: an average annual rate
    (`tăng bình quân 18,52%/năm`) is no target for a level (`IIP 115,32%`), nor the reverse."""
    average = "annual_average" in last.flags
    same_sort = rows.obs.map(lambda o: ("annual_average" in o.flags) == average) if len(rows) else rows.kind
    targets = rows[(rows.kind == "target") & (rows.end >= period_end(last.period)) & same_sort]
    return first(targets[targets.end == targets.end.min()]) if not targets.empty else None


def period_length(period: str) -> str:
    return "H" if "-H" in period else ("Y" if period.isdigit() else "other")


def trend_of(levels: list[Observation], change: Observation | None) -> str | None:
    """Direction of the last move between comparable values (same unit, same period length),
    else the sign of the reported change."""
    last = levels[-1]
    same = [o for o in levels[:-1] if o.unit == last.unit and period_length(o.period) == period_length(last.period)]
    if same:
        return direction_of(last.value - same[-1].value)
    return direction_of(change.value) if change else None
