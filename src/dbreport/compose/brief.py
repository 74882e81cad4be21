"""What every kind of brief shares: the list of briefs to make, the composing context, and the
finishing parts (title, dateline, sources, findings, headlines)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd

from dbreport import phrases
from dbreport.formatting import Formatter, period_end
from dbreport.model import Document, Finding, Observation

from .figures import Indicators, NoteBook, document_date, label_of
from .views import BriefPlan, BriefView, Card, ChartSpec, Dateline, ScoreRow, Section, SeriesRow, Sentence


@dataclass
class Context:
    """The inputs of one brief in one language, and its source notes as they are numbered."""
    fmt: Formatter
    catalogue: Indicators
    documents: list[Document]
    frame: pd.DataFrame  # observation_frame of every observation
    findings: list[Finding]
    notes: NoteBook


def plan_briefs(documents: list[Document]) -> list[BriefPlan]:
    """A period brief per distinct document period (chronological), then the meeting brief."""
    by_period: dict[str, list[str]] = {}
    for d in sorted(documents, key=lambda d: (period_end(d.period), d.source)):
        by_period.setdefault(d.period, []).append(d.source)
    plans = [BriefPlan(p.replace("/", "-"), "period", p, tuple(s)) for p, s in by_period.items()]
    plans.append(BriefPlan("meeting", "meeting", None, tuple(sorted(d.source for d in documents))))
    return plans


def dateline(fmt: Formatter, plan: BriefPlan, docs: list[Document]) -> Dateline | None:
    """The date on the first line. A period brief shows its latest document's issue date when the
    document states one; otherwise, and for the meeting brief (which no one document issued), the
    date the figures are as of: that date, or the end of the document's period. A reference date
    is never called an issue date."""
    if not docs:
        return None
    latest = max(docs, key=lambda d: (document_date(d), d.source))
    if latest.issued and plan.kind == "period":
        return Dateline("issued", fmt.date(latest.issued))
    return Dateline("as_of", fmt.date(latest.issued or period_end(latest.period)))


def finish(ctx: Context, plan: BriefPlan, cards: list[Card], sections: list[Section], scoreboard: list[ScoreRow],
           summary: str, series: list[SeriesRow], changes: list[Sentence], charts: list[ChartSpec]) -> BriefView:
    """Header, findings, headlines: the parts every kind of brief shares."""
    fmt = ctx.fmt
    _ = fmt.t.gettext
    docs = [d for d in ctx.documents if d.source in plan.sources]
    created = max((document_date(d) for d in docs), default=date(2000, 1, 1))  # PDF metadata: never the clock
    if plan.kind == "meeting":
        title = _("Điện Biên province: latest figures for meetings")
        period = _("Latest figures from %(num)s documents") % {"num": len(docs)}
    else:
        period = phrases.sentence_case(fmt.period(plan.period))
        title = _("Điện Biên province brief: %(period)s") % {"period": fmt.period(plan.period)}
    finding_items = [
        Sentence(phrases.finding_sentence(fmt, f.code, label_of(f.indicator, None, ctx.catalogue, fmt.lang)
                                          if f.indicator else None, f.period, f.values),
                 ctx.notes.cite(*[ref_obs(r) for r in f.refs]))
        for f in relevant_findings(ctx.findings, plan)]
    headlines = [s.text for s in headline_sentences(sections)]
    return BriefView(plan.brief_id, plan.kind, fmt.lang, title, period, dateline(fmt, plan, docs),
                     [(d.title, d.source) for d in docs], cards, sections, scoreboard, summary, series,
                     finding_items, changes, charts, ctx.notes.notes, headlines, ctx.notes.used, created)


def relevant_findings(findings: list[Finding], plan: BriefPlan) -> list[Finding]:
    return [f for f in findings if any(r.source in plan.sources for r in f.refs)][:8]


def ref_obs(ref) -> Observation:
    """A finding's reference as a citable span (the quote is unknown here; the source page shows it)."""
    return Observation(ref.source, ref.line, "", Decimal(0), "", "", "", None, "", None, start=ref.start, end=ref.end)


def headline_sentences(sections: list[Section]) -> list[Sentence]:
    """Up to 5 sentences for the email, round-robin over sections so they cover the whole brief."""
    out, depth = [], max((len(sec.sentences) for sec in sections), default=0)
    for k in range(depth):
        out += [sec.sentences[k] for sec in sections if len(sec.sentences) > k]
    return out[:5]
