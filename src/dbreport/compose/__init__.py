"""Brief view-models: which figures a brief shows, in what order, worded in its language.

A newcomer's map:

    views.py       the dataclasses templates lay out (BriefView, Card, Section, ...) and Limits
    figures.py     the observations table (rows made once per build), picking an indicator's figures,
                   catalogue lookups, numbered source notes
    wording.py     figures -> sentences, cards and chart data (words from dbreport.phrases / gettext)
    period.py      the period brief (one reporting period; what changed since the previous one)
    meeting.py     the meeting brief (latest value per headline indicator, history, trend)
    scoreboard.py  resolution targets against achievements
    rules.py       what a statement may say of a figure: bases, verdicts, comparable periods
    brief.py       the list of briefs to make and the parts every brief shares (header, findings)

Templates only lay out what is composed here (DESIGN.md: "templates contain layout, not logic").
"""
from __future__ import annotations

from dbreport.formatting import Formatter
from dbreport.model import Document, Finding, Observation

from .brief import Context, plan_briefs, previous_plan
from .figures import Indicators, NoteBook, indicators, observation_frame
from .meeting import compose_meeting, history, trend_of
from .period import compose_period
from .views import (LIMITS, SECTION_ORDER, SECTION_TITLES, BriefPlan, BriefView, Card, ChartSpec, Claim, Dateline,
                    Limits, Note, ScoreRow, Section, Sentence, SeriesRow)


def compose_brief(plan: BriefPlan, lang: str, fmt: Formatter, documents: list[Document],
                  observations: list[Observation], findings: list[Finding],
                  catalogue: Indicators | None = None, limits: Limits = LIMITS[0],
                  territory: str | None = None, frame=None) -> BriefView:
    """The view-model of one brief in one language (`catalogue`: the real one unless given;
    `territory`: the place named in titles, from the project's configuration; `frame`: the
    observation_frame when the caller made it once for many briefs)."""
    ctx = Context(fmt, indicators() if catalogue is None else catalogue, documents,
                  observation_frame(observations, documents) if frame is None else frame, findings,
                  NoteBook({d.source: d for d in documents}), territory)
    return (compose_meeting if plan.kind == "meeting" else compose_period)(ctx, plan, limits)


__all__ = ["LIMITS", "SECTION_ORDER", "SECTION_TITLES", "BriefPlan", "BriefView", "Card", "ChartSpec", "Claim", "Dateline",
           "Indicators", "Limits", "Note", "ScoreRow", "Section", "Sentence", "SeriesRow", "compose_brief",
           "history", "indicators", "observation_frame", "plan_briefs", "previous_plan", "trend_of"]
