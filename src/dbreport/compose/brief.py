"""What every kind of brief shares: the list of briefs to make, the composing context, and the
finishing parts (title, dateline, sources, findings, headlines)."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from dbreport import phrases
from dbreport.formatting import Formatter, glossary, period_end
from dbreport.model import Document, Finding, Observation

from . import rules
from .figures import Frame, Indicators, NoteBook, document_date, label_of
from .views import N_, BriefPlan, BriefView, Limits, Card, ChartSpec, Dateline, ScoreRow, Section, SeriesRow, Sentence


@dataclass
class Context:
    """The inputs of one brief in one language, and its source notes as they are numbered."""
    fmt: Formatter
    catalogue: Indicators
    documents: list[Document]
    frame: Frame  # observation_frame of every observation
    findings: list[Finding]
    notes: NoteBook
    territory: str | None = None  # the place the documents report on, from the project's configuration

    @functools.cached_property
    def unjudged(self) -> set[tuple[str, str]]:
        """(indicator, period) of the values no verdict is computed on (rules.two_values), once per brief."""
        return rules.two_values(self.findings, self.frame.obs)

    def doc_end(self, o: Observation) -> date:
        """The date the figure's document speaks from (its issue date, else its period's end)."""
        doc = self.notes.documents.get(o.source)
        return document_date(doc) if doc is not None else date.max

    def period_end(self, o: Observation) -> date:
        """The end of the period the figure's document reports on (a 2021–2025 report: 2025)."""
        doc = self.notes.documents.get(o.source)
        return period_end(doc.period) if doc is not None else date.max

    def line(self, o: Observation | None) -> str:
        """The source line a figure stands on (rules read its words)."""
        doc = self.notes.documents.get(o.source) if o is not None else None
        return doc.lines[o.line - 1] if doc is not None and 0 < o.line <= len(doc.lines) else ""


def plan_briefs(documents: list[Document]) -> list[BriefPlan]:
    """A period brief per territory and distinct document period (chronological), then the meeting
    brief of the province's own documents. The province is the territory most documents name
    (docfacts); a document naming no territory is its. A document on another territory (a
    Government notice on Phú Thọ) is never mixed into the province's briefs: it gets a brief of its
    own, titled with its territory, and stays out of the meeting brief."""
    home = home_territory(documents)
    by_key: dict[tuple[str | None, str], list[str]] = {}
    for d in sorted(documents, key=lambda d: (period_end(d.period), d.source)):
        by_key.setdefault((other_territory(d, home), d.period), []).append(d.source)
    plans = [BriefPlan(brief_id(t, p), "period", p, tuple(s), t) for (t, p), s in by_key.items()]
    own = tuple(sorted(d.source for d in documents if other_territory(d, home) is None))
    return plans + ([BriefPlan("meeting", "meeting", None, own)] if own else [])


def home_territory(documents: list[Document]) -> str | None:
    """The territory most documents name (ties: the first by source), None when none names one."""
    named = [d.territory for d in sorted(documents, key=lambda d: d.source) if d.territory]
    return max(dict.fromkeys(named), key=named.count) if named else None


def other_territory(doc: Document, home: str | None) -> str | None:
    return doc.territory if doc.territory and doc.territory != home else None


def brief_id(territory: str | None, period: str) -> str:
    """`2024-H1`; `phu-tho-2025-01-2025-10` for another territory (ASCII, as file names)."""
    stem = period.replace("/", "-")
    if territory is None:
        return stem
    ascii_name = unicodedata.normalize("NFD", territory.replace("đ", "d").replace("Đ", "D"))
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(c for c in ascii_name if not unicodedata.combining(c)).lower()).strip("-")
    return f"{slug}-{stem}"


def previous_plan(plan: BriefPlan, plans: list[BriefPlan]) -> BriefPlan | None:
    """The period brief before `plan` of the same territory ("what changed" compares with it)."""
    same = [p for p in plans if p.kind == "period" and p.territory == plan.territory]
    k = same.index(plan) if plan in same else 0
    return same[k - 1] if k > 0 else None


def dateline(fmt: Formatter, plan: BriefPlan, docs: list[Document], shown: list[Observation]) -> Dateline | None:
    """The date on the first line. A period brief shows its latest document's issue date when the
    document states one, and no date otherwise: the end of its period is no date the source states
    (a congress report written in spring gives its year's results as estimates). The meeting brief
    (which no one document issued) shows the date the figures it shows are as of: the latest end of
    their periods. "Mostly estimates" when most of the values shown are the source's estimates."""
    if not docs:
        return None
    latest = max(docs, key=lambda d: (document_date(d), d.source))
    if latest.issued and plan.kind == "period":
        return Dateline("issued", fmt.date(latest.issued))
    levels = [o for o in shown if o.kind in ("actual", "estimate")]
    estimates = len(levels) > 0 and 2 * sum(o.kind == "estimate" for o in levels) > len(levels)
    if plan.kind == "meeting" and shown:  # the newest figure's period
        return Dateline("as_of", fmt.date(max(period_end(o.period) for o in shown)), estimates)
    return None


DOCUMENT_KINDS = {
    "half_year_report": N_("Provincial socio-economic report, %(period)s"),
    "period_report": N_("Provincial socio-economic report, %(period)s"),
    "annual_report": N_("Provincial annual socio-economic report, %(period)s"),
    "congress_report": N_("Political report to the provincial Party Congress, %(period)s"),
    "news": N_("News article, %(period)s"),
}


DOCUMENT_TYPES = {  # a type the document states of itself (docfacts) names it better than its kind
    "notice_of_conclusions": N_("Notice of conclusions, %(period)s"),
    "plan": N_("Plan, %(period)s"),
    "resolution": N_("Resolution, %(period)s"),
    "decision": N_("Decision, %(period)s"),
    "directive": N_("Directive, %(period)s"),
    "press_release": N_("Press release, %(period)s"),
}


def source_name(fmt: Formatter, doc: Document) -> str:
    """A source as the brief's reader can read it: the Vietnamese title in a Vietnamese brief, a
    description by type (or kind) and period in another language (a Vietnamese title is no English)."""
    if fmt.lang == "vi":
        return doc.title
    msg = DOCUMENT_TYPES.get(doc.doc_type) or DOCUMENT_KINDS.get(doc.kind, N_("Source document, %(period)s"))
    return fmt.t.gettext(msg) % {"period": fmt.period(doc.period)}


def title_of(fmt: Formatter, plan: BriefPlan, territory: str | None) -> str:
    """The title names the territory the brief's documents report on: the project's own (its
    configured name), or another one the documents name (`Phú Thọ province brief: ...`)."""
    _ = fmt.t.gettext
    if plan.territory:
        territory = _("%(name)s province") % {"name": plan.territory}
    if plan.kind == "meeting":
        return (_("%(territory)s: latest figures for meetings") % {"territory": territory} if territory
                else _("Latest figures for meetings"))
    period = fmt.period(plan.period)
    return (_("%(territory)s brief: %(period)s") % {"territory": territory, "period": period} if territory
            else phrases.sentence_case(_("brief: %(period)s") % {"period": period}))


def finish(ctx: Context, plan: BriefPlan, cards: list[Card], sections: list[Section], scoreboard: list[ScoreRow],
           summary: str, series: list[SeriesRow], changes: list[Sentence], charts: list[ChartSpec],
           lim: Limits) -> BriefView:
    """Header, findings, headlines: the parts every kind of brief shares."""
    fmt = ctx.fmt
    _ = fmt.t.gettext
    docs = [d for d in ctx.documents if d.source in plan.sources]
    created = max((document_date(d) for d in docs), default=date(2000, 1, 1))  # PDF metadata: never the clock
    shown = [o for c in ctx.notes.claims if c.place in ("card", "sentence", "series") for o in c.figures
             if o.kind != "target"]
    if plan.kind == "meeting":
        period = _("Latest figures from %(num)s documents") % {"num": len(docs)}
    else:
        period = phrases.sentence_case(fmt.period(plan.period))
    findings = finding_sentences(ctx, plan, lim.findings)
    headlines = headline_sentences(cards, sections)
    spell_out_once(fmt, ctx.notes, cards, sections, changes, scoreboard)
    view = BriefView(plan.brief_id, plan.kind, fmt.lang, title_of(fmt, plan, ctx.territory), period,
                     dateline(fmt, plan, docs, shown), [(source_name(fmt, d), d.source) for d in docs], cards,
                     sections, scoreboard, summary, series, findings, changes, charts, ctx.notes.notes, headlines,
                     ctx.notes.used, created, ctx.notes.claims)
    view.notes_cap = lim.notes
    years = {r.next_year for r in scoreboard if r.next_year}
    view.next_header = (_("%(year)s target") % {"year": years.pop()} if len(years) == 1
                        else _("Next target"))  # the column says which target when every row agrees
    return view


def spell_out_once(fmt: Formatter, notes: NoteBook, cards: list[Card], sections: list[Section],
                   changes: list[Sentence], scoreboard: list[ScoreRow]) -> None:
    """An abbreviation (glossary `[abbreviations]`, `NRD`) is spelled out where a reader first meets
    it, in print order (cards, sections, what changed, scoreboard), and only there: in the text and
    in its claim. A label that spells it out itself is shortened after its first use."""
    items = ([(c, "label") for c in cards] + [(s, "text") for sec in sections for s in sec.sentences]
             + [(s, "text") for s in changes] + [(r, "label") for r in scoreboard])
    for short, long in glossary().get("abbreviations", {}).get(fmt.lang, {}).items():
        pattern = re.compile(rf"(?<![\w(]){re.escape(short)}(?![\w)])")
        spelled, met = f"{long} ({short})", False
        for obj, attr in items:
            old = getattr(obj, attr)
            if met and spelled in old:
                reword(notes, obj, attr, old, old.replace(spelled, short))
            elif not met and spelled in old:
                met = True  # the label itself spells it out first
            elif not met and pattern.search(old):
                reword(notes, obj, attr, old, pattern.sub(spelled, old, count=1))
                met = True


def reword(notes: NoteBook, obj, attr: str, old: str, new: str) -> None:
    """Set a printed text and the claim that records it to the same new words."""
    setattr(obj, attr, new)
    k = next((k for k, c in enumerate(notes.claims) if old in c.text), None)
    if k is not None:
        notes.claims[k] = replace(notes.claims[k], text=notes.claims[k].text.replace(old, new, 1))


def finding_sentences(ctx: Context, plan: BriefPlan, cap: int) -> list[Sentence]:
    """The checks' findings on this brief's documents, each worded with the figures it names (in
    their unit: `2.19 times`, not `2.19 arrivals`); past `cap`, one line says how many more."""
    fmt = ctx.fmt
    by_ref = {o.ref: o for o in ctx.frame.obs}
    relevant = [f for f in ctx.findings if any(r.source in plan.sources for r in f.refs)]
    out = []
    for f in relevant[:cap]:
        figures = [by_ref.get(r) or ref_obs(r) for r in f.refs]
        units = {o.unit for o in figures if o.kind}
        label = label_of(f.indicator, None, ctx.catalogue, fmt.lang) if f.indicator else None
        periods = {o.period for o in figures if o.kind}
        period = periods.pop() if len(periods) == 1 else f.period  # the figures' own period when they agree
        kinds = {o.kind for o in figures}
        unit = f.unit if f.code == "share_of_target_off" else units.pop() if len(units) == 1 else None
        text = phrases.finding_sentence(fmt, f.code, label, period, f.values, unit,
                                        kinds <= {"yoy_change", "change"}, kinds == {"plan_pct"}, f.detail == "annual_average",
                                        tuple(f.detail.split(";")) if f.code == "two_standards" else ())
        out.append(Sentence(text, ctx.notes.state("finding", text, "values_differ", *figures)))
    if len(relevant) > cap:
        text = phrases.count_phrase(fmt, len(relevant) - cap, "more_findings")
        out.append(Sentence(text, ctx.notes.state("finding", text, "count")))
    return out


def ref_obs(ref) -> Observation:
    """A finding's reference as a citable span (the quote is unknown here; the source page shows it)."""
    return Observation(ref.source, ref.line, "", Decimal(0), "", "", "", None, "", None, start=ref.start, end=ref.end)


def headline_sentences(cards: list[Card], sections: list[Section]) -> list[str]:
    """Up to 5 sentences for the email: the key figures' first (the cards, as sentences), then
    round-robin over sections so they cover the whole brief."""
    out, depth = [c.sentence for c in cards if c.sentence], max((len(sec.sentences) for sec in sections), default=0)
    for k in range(depth):
        out += [sec.sentences[k].text for sec in sections if len(sec.sentences) > k]
    return out[:5]
