"""The resolution-target scoreboard: each target row of the documents (a table row of a congress
report's appendix, or a line stating a resolution target with its result), with the result, the
source's own comparison, a verdict only where rules.py allows one, and the next target on the same
row. A row whose cells the rules cannot read on one basis is left out, not shown half right."""
from __future__ import annotations

import functools
from typing import Callable

from dbreport import phrases
from dbreport.formatting import Formatter, period_end
from dbreport.model import Observation

from . import rules
from .brief import Context
from .figures import LEVEL_KINDS, SECTOR_IDS, Table, good_of, group_by, label_of, ordered_indicators, unit_fits, unit_of, usable
from .views import N_, Limits, ScoreRow
from .wording import value_text

RESOLUTION_KINDS = ("congress_report", "resolution")  # documents whose targets are the resolution's


def resolution_rows(ctx: Context, frame: Table) -> list[tuple[str, list[Observation]]]:
    """(indicator, figures) of each source line that states a resolution target beside a result,
    a comparison or a later target: targets of a congress report or resolution, or of a line
    whose comparison is the resolution's. A plan's amount read as a fraction's denominator
    (`91.581/479.724`) is no target."""
    rows = usable(frame, ctx.catalogue, ctx.fmt.lang)
    kinds = {d.source: (d.kind, d.doc_type) for d in ctx.documents}
    out = []
    for (source, _line, indicator), group in sorted(group_by(rows, lambda r: (r.source, r.line, r.indicator)).items(),
                                                    key=lambda item: item[0]):
        obs = [o for o in sorted((r.obs for r in group), key=lambda o: o.start) if "denominator" not in o.flags]
        resolution = (set(kinds.get(source, ())) & set(RESOLUTION_KINDS)
                      or any(o.comparison == "resolution_target" for o in obs))
        if resolution and any(o.kind == "target" for o in obs) and any(o.kind != "target" for o in obs):
            out.append((indicator, obs))
    # one row per target of an indicator and document: the appendix table's, else the first line that
    # states it (`99,8% (cơ bản đạt MTNQ 100%)` in the text and its appendix row are one target, not
    # two); a level and a growth rate of it (GRDP 17.328 tỷ đồng; 7%/năm) are two targets
    first: dict[tuple[str, str, str], list[Observation]] = {}
    for indicator, obs in sorted(out, key=lambda item: ("table" not in item[1][0].flags, item[1][0].line)):
        target_unit = next(o.unit for o in obs if o.kind == "target")
        first.setdefault((indicator, obs[0].source, target_unit), obs)
    order = {i: k for k, i in enumerate(ordered_indicators([i for i, *_ in first], ctx.catalogue))}
    return sorted(((i, obs) for (i, _s, _u), obs in first.items()),
                  key=lambda item: (order[item[0]], item[1][0].source, item[1][0].line))


def scoreboard_rows(ctx: Context, frame: Table, lim: Limits) -> tuple[list[ScoreRow], str]:
    """The rows the rules can read, up to the limit, in the catalogue's order, one per target, every
    shortfall among them (shown_rows), and the tally of every row it can read ("33 of 42 targets
    with a verdict met; 2 without a verdict; 30 of 44 rows shown"): a tally of the rows shown would
    hide the shortfalls in the rows left out."""
    read = [(indicator, obs, r) for indicator, obs in resolution_rows(ctx, frame)
            if (r := score_row(ctx, indicator, obs)) is not None]
    rows = [r for _i, _obs, r in read]  # (row, status, cite)
    out = []
    for row, _status, cite in shown_rows(rows, lim.score_rows):
        row.notes = cite()  # a claim and its notes for each row printed, none for a row left out
        out.append(row)
    met = sum(status == "met" for _row, status, _cite in rows)  # every row it can read: hidden shortfalls count too
    judged = sum(status != "unknown" for _row, status, _cite in rows)
    left_out = unread_table_rows(ctx, frame, {(i, obs[0].source) for i, obs, _r in read}) > 0
    tally = phrases.targets_met_phrase(ctx.fmt, met, judged, len(rows) - judged, len(out), len(rows), left_out) if out else ""
    return out, tally


def shown_rows(rows: list[tuple], limit: int) -> list[tuple]:
    """Up to `limit` rows (tuples whose second item is the status) in the catalogue's order: every
    target not (or only basically) met, then the first others. A table cut short never hides a
    shortfall behind rows that read 100/100."""
    short = [k for k, row in enumerate(rows) if row[1] in ("not_met", "basically_met")][:limit]
    others = [k for k in range(len(rows)) if k not in short][:max(0, limit - len(short))]
    return [rows[k] for k in sorted(short + others)]


def unread_table_rows(ctx: Context, frame: Table, read: set[tuple[str, str]]) -> int:
    """How many rows of the resolution documents' tables state a target beside a result of its
    period that no row read here stands for (no catalogue indicator, two values, mixed bases): the
    tally says how many targets it leaves out, so that it never reads as the whole scorecard."""
    resolution = {d.source for d in ctx.documents if {d.kind, d.doc_type} & set(RESOLUTION_KINDS)}
    lines = group_by((r for r in frame if r.source in resolution and "table" in r.obs.flags), lambda r: (r.source, r.line))
    return sum(1 for (source, _line), group in lines.items()
               if {r.end for r in group if r.kind == "target"} & {r.end for r in group if r.kind in LEVEL_KINDS}
               and not any((r.indicator, source) in read for r in group))


def row_figures(obs: list[Observation]) -> tuple[Observation | None, Observation | None, Observation | None]:
    """The row's target for its period, its result of that period, and the next (later) target."""
    targets = sorted((o for o in obs if o.kind == "target" and "range_high" not in o.flags),
                     key=lambda o: period_end(o.period))
    levels = [o for o in obs if o.kind in LEVEL_KINDS]
    achieved = next((a for a in levels if any(t.period == a.period for t in targets)), levels[0] if levels else None)
    target = next((t for t in targets if achieved and t.period == achieved.period), None)
    if target is None and achieved is None:
        target = targets[0]
    current = period_end((target or achieved).period)
    nxt = next((t for t in targets if t is not target and period_end(t.period) > current), None)
    return target, achieved, nxt


def score_row(ctx: Context, indicator: str, obs: list[Observation]) -> tuple[ScoreRow, str, Callable[[], list[int]]] | None:
    """One row, or None when the rules cannot read it: no target for a period the document has
    reached (only a 2030 aim), cells that contradict the source's comparison (a term total beside
    one year's value), or a sector's % that could be a share of GRDP or a growth rate. No verdict is
    computed for a result the documents give two values of (a conflict: two poverty standards)."""
    fmt, catalogue = ctx.fmt, ctx.catalogue
    _ = fmt.t.gettext
    target, achieved, nxt = row_figures(obs)
    if target is None or period_end(target.period).year > ctx.period_end(target).year:
        return None
    comparison = next((o for o in obs if o.comparison in rules.TARGET_COMPARISONS and o.kind != "target"), None)
    if comparison is None:
        comparison = next((o for o in obs if o.kind == "plan_pct"), None)
    if achieved is not None and not rules.consistent(target, achieved, comparison):
        return None
    share = indicator in SECTOR_IDS and not unit_fits(unit_of(indicator, catalogue), target.unit)
    if share:
        return None  # a sector's share of GRDP: no good direction, and its column may hold the base year's share
    # the source's words on this very value, anywhere in the document (`98% (cơ bản đạt MTNQ 99%)` in the text)
    said = rules.verdicts_said(achieved, ctx.frame.obs) if achieved is not None else []
    if achieved is not None and (indicator, achieved.period) in ctx.unjudged and not said:
        return None  # two values of the result (a conflict, or two standards), and no verdict of the source's
    good = "neutral" if share else good_of(indicator, catalogue)  # a sector's share of GRDP has no good direction
    line = ctx.line(obs[0])
    status, by = "unknown", None
    if achieved is not None:
        stated = rules.stated_verdict([target, achieved, *said], comparison, good)  # its words anywhere in the document
        if stated:
            status, by = stated, "source"
        elif (comparison is None and (indicator, achieved.period) not in ctx.unjudged
              and not rules.reported_early(target, achieved, ctx.doc_end(achieved))):
            computed = rules.computed_verdict(target, achieved, good, rules.basis_of(target, line),
                                              rules.basis_of(achieved, line))
            status, by = (computed, "computed") if computed else ("unknown", None)
    label = row_label(fmt, label_of(indicator, target, catalogue, fmt.lang) or indicator, share, obs, line)
    cell = lambda o: f"{value_text(fmt, o)} ({fmt.short_period(o.period)})" if o else "–"  # noqa: E731
    stated_text = comparison_text(fmt, comparison)
    texts = [label, cell(target), cell(achieved), stated_text, _(STATUS_TEXT[status]), cell(nxt)]
    words = said[:1] if by == "source" else []  # the line whose words gave the verdict, cited with the row
    row = ScoreRow(label, texts[1], texts[2], status, texts[5], [], stated_text, period_end(nxt.period).year if nxt else None)
    cite = functools.partial(ctx.notes.state, "score_row", " | ".join(texts), "target", target, achieved, comparison,
                             nxt, *words, verdict=None if status == "unknown" else status, verdict_by=by)
    return row, status, cite


STATUS_TEXT = {"met": N_("Met"), "basically_met": N_("Basically met"), "not_met": N_("Not met"), "unknown": "–"}


def row_label(fmt: Formatter, label: str, share: bool, obs: list[Observation], line: str) -> str:
    """The indicator with what the row measures: a share of GRDP, an average annual growth rate, a
    yearly average, the price basis."""
    _ = fmt.t.gettext
    if share:
        label = _("%(label)s (share of GRDP)") % {"label": label}
    if any(rules.average_growth(o) for o in obs):
        label = _("%(label)s (average annual growth)") % {"label": label}
    elif any(rules.basis_of(o, line) == "average" for o in obs) and not rules.found(rules.words("average_words"), label.lower()):
        label = _("%(label)s (yearly average)") % {"label": label}
    basis = next((b for o in obs if (b := rules.price_basis(o, line, fmt.lang))), None)
    return f"{label} ({basis})" if basis else label


def comparison_text(fmt: Formatter, o: Observation | None) -> str:
    """The source's comparison column as it states it: `89.79% of the target`, `+1.76 points`."""
    if o is None:
        return "–"
    if o.kind == "plan_pct":
        return fmt.t.gettext("%(pct)s of the target") % {"pct": fmt.percent(o.value)}
    return fmt.signed(o.value, o.unit)
