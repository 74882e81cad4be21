"""The resolution-target scoreboard: 2025 targets against what was achieved, with 2030 targets.

A pivot of the congress report's appendix (and of any other document giving targets)."""
from __future__ import annotations

import pandas as pd

from dbreport import phrases
from dbreport.formatting import Formatter
from dbreport.model import Observation

from .figures import LEVEL_KINDS, Indicators, NoteBook, good_of, label_of, ordered_indicators, usable
from .views import Limits, ScoreRow
from .wording import value_text


def scoreboard_rows(fmt: Formatter, frame: pd.DataFrame, catalogue: Indicators, notes: NoteBook, lang: str,
                    lim: Limits) -> tuple[list[ScoreRow], str]:
    """Resolution targets for 2025 against what was achieved in 2025, with the 2030 target (pivot);
    and the summary line ("2 of 5 targets met")."""
    rows = usable(frame, catalogue, lang)
    rows = rows[((rows.kind == "target") & rows.period.isin(["2025", "2030"]))
                | (rows.kind.isin(LEVEL_KINDS) & (rows.period == "2025"))]
    if rows.empty or not (rows.kind == "target").any():
        return [], ""
    rows = rows.assign(column=rows.kind.map(lambda k: "target" if k == "target" else "actual") + "_" + rows.period)
    pivot = rows.sort_values(["source", "line"]).pivot_table(index="indicator", columns="column", values="obs",
                                                              aggfunc="first")

    def cell(i, column) -> Observation | None:
        value = pivot.at[i, column] if column in pivot.columns else None
        return value if isinstance(value, Observation) else None

    out, met = [], 0
    for i in ordered_indicators(pivot.index, catalogue):
        t25, a25, t30 = cell(i, "target_2025"), cell(i, "actual_2025"), cell(i, "target_2030")
        if t25 is None and t30 is None:
            continue
        if len(out) == lim.score_rows:
            break
        status = target_status(t25, a25, good_of(i, catalogue))
        met += status == "met"
        shown = lambda o: value_text(fmt, o) if o else "–"  # noqa: E731
        out.append(ScoreRow(label_of(i, t25 or t30 or a25, catalogue, lang), shown(t25), shown(a25), status,
                            shown(t30), notes.cite(t25, a25, t30)))
    judged = sum(r.status != "unknown" for r in out)
    return out, phrases.targets_met_phrase(fmt, met, judged) if judged else ""


def target_status(target: Observation | None, achieved: Observation | None, good: str) -> str:
    """Met when the achieved value is on the good side of the target (at or above for "up")."""
    if target is None or achieved is None or target.unit != achieved.unit or good == "neutral":
        return "unknown"
    ok = achieved.value >= target.value if good == "up" else achieved.value <= target.value
    return "met" if ok else "not_met"
