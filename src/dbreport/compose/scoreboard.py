"""The resolution-target scoreboard: each target row of the documents (a table row of a congress
report's appendix, or a line stating a target with its result), with the result, the source's own
comparison, a verdict only where rules.py allows one, and the next target on the same row."""
from __future__ import annotations

from datetime import date

import pandas as pd

from dbreport import phrases
from dbreport.formatting import Formatter, period_end
from dbreport.model import Observation

from . import rules
from .figures import LEVEL_KINDS, SECTOR_IDS, Indicators, NoteBook, good_of, label_of, ordered_indicators, unit_fits
from .figures import unit_of, usable
from .views import Limits, ScoreRow
from .wording import value_text

STATUS_TEXT = {"met": "Met", "not_met": "Not met", "unknown": "Not comparable"}


def scoreboard_rows(fmt: Formatter, frame: pd.DataFrame, catalogue: Indicators, notes: NoteBook, lang: str,
                    lim: Limits, line_of=lambda o: "", written=lambda o: date.max) -> tuple[list[ScoreRow], str]:
    """One row per source line that states a target beside a result, a comparison or a later
    target; and the tally ("2 of 5 targets met; 3 shown without a verdict")."""
    rows = usable(frame, catalogue, lang)
    if rows.empty or not (rows.kind == "target").any():
        return [], ""
    lines = []
    for (_source, _line, indicator), group in rows.groupby(["source", "line", "indicator"], sort=True):
        obs = sorted(group.obs, key=lambda o: o.start)
        if any(o.kind == "target" for o in obs) and any(o.kind != "target" for o in obs):
            lines.append((indicator, obs))
    order = {i: k for k, i in enumerate(ordered_indicators([i for i, _ in lines], catalogue))}
    lines.sort(key=lambda item: (order[item[0]], item[1][0].source, item[1][0].line))
    out, met, judged = [], 0, 0
    for indicator, obs in lines[:lim.score_rows]:
        row, status = score_row(fmt, indicator, obs, catalogue, notes, line_of, written)
        out.append(row)
        met += status == "met"
        judged += status != "unknown"
    tally = phrases.targets_met_phrase(fmt, met, judged, len(out) - judged, len(lines) - len(out)) if out else ""
    return out, tally


def score_row(fmt: Formatter, indicator: str, obs: list[Observation], catalogue: Indicators, notes: NoteBook,
              line_of, written) -> tuple[ScoreRow, str]:
    _ = fmt.t.gettext
    line = line_of(obs[0])
    targets = sorted((o for o in obs if o.kind == "target" and "range_high" not in o.flags),
                     key=lambda o: period_end(o.period))
    levels = [o for o in obs if o.kind in LEVEL_KINDS]
    achieved = next((a for a in levels if any(t.period == a.period for t in targets)), levels[0] if levels else None)
    target = next((t for t in targets if achieved and t.period == achieved.period), None)
    if target is None and achieved is None:
        target = targets[0]
    current = period_end((target or achieved).period)
    nxt = next((t for t in targets if t is not target and period_end(t.period) > current), None)
    comparison = next((o for o in obs if o.comparison in rules.TARGET_COMPARISONS and o.kind != "target"), None)
    if comparison is None:
        comparison = next((o for o in obs if o.kind == "plan_pct"), None)
    share = indicator in SECTOR_IDS and not unit_fits(unit_of(indicator, catalogue), (target or achieved or obs[0]).unit)
    good = "neutral" if share else good_of(indicator, catalogue)  # a sector's share of GRDP has no good direction
    status, by = "unknown", None
    if target is not None and achieved is not None:
        stated = rules.stated_verdict(comparison, line, good)
        if stated:
            status, by = stated, "source"
        elif comparison is None and not rules.reported_early(target, achieved, written(achieved)):
            computed = rules.computed_verdict(target, achieved, good, rules.basis_of(target, line),
                                              rules.basis_of(achieved, line))
            status, by = (computed, "computed") if computed else ("unknown", None)
        if not rules.consistent(target, achieved, comparison):
            achieved = None  # a term total beside one year's value: the source's comparison stands alone
    label = label_of(indicator, target or achieved or nxt, catalogue, fmt.lang) or indicator
    if share:
        label = _("%(label)s (share of GRDP)") % {"label": label}
    if any(rules.basis_of(o, line) == "average" for o in (target, achieved) if o):
        label = _("%(label)s (yearly average)") % {"label": label}
    cell = lambda o: f"{value_text(fmt, o)} ({fmt.short_period(o.period)})" if o else "–"  # noqa: E731
    stated_text = comparison_text(fmt, comparison)
    texts = [label, cell(target), cell(achieved), stated_text, _(STATUS_TEXT[status]), cell(nxt)]
    refs = notes.state("score_row", " | ".join(texts), "target", target, achieved, comparison, nxt,
                       verdict=None if status == "unknown" else status, verdict_by=by)
    return ScoreRow(label, texts[1], texts[2], status, texts[5], refs, stated_text), status


def comparison_text(fmt: Formatter, o: Observation | None) -> str:
    """The source's comparison column as it states it: `89.79% of the target`, `+1.76 points`."""
    if o is None:
        return "–"
    if o.kind == "plan_pct":
        return fmt.t.gettext("%(pct)s of the target") % {"pct": fmt.percent(o.value)}
    return fmt.signed(o.value, o.unit)
