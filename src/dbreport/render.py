"""The render stage: view-models -> HTML (self-contained) and PDF (A4, tagged PDF/A-3 with the
brief's observations attached), plus a source page per input document and build/index.html.

WeasyPrint, matplotlib and pandas load when a PDF, a chart or a CSV is first made (importing
them costs most of a second): source pages and the index need none of them. Output is
pure: dates come from the documents, never from the clock, so a rebuild gives the same bytes.
WeasyPrint only ever sees files under templates/ (fonts): see fetcher_class.
"""
from __future__ import annotations

import base64
import functools
import gettext
import json
import mimetypes
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlparse

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from dbreport import store
from dbreport.compose import (LIMITS, BriefPlan, BriefView, Claim, Indicators, compose_brief, indicators,
                              observation_frame, plan_briefs)
from dbreport.formatting import Formatter
from dbreport.fsutil import write_atomic
from dbreport.model import BriefOutput, Document, Finding, Observation
from dbreport.project import Project

LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}
MAX_PAGES = 4  # issue 4: a brief is at most four A4 pages
PDF_VARIANT = "pdf/a-3a"  # PDF/A-3 keeps non-PDF attachments (the CSV); level A forces tagging
CSV_COLUMNS = ("source", "line", "quote", "value", "unit", "period", "kind", "indicator", "label_vi",
               "label_en", "qualifier", "comparison", "flags")


class RenderError(Exception):
    """A problem that stops rendering (missing compiled catalog, missing template)."""


@functools.cache
def fetcher_class() -> type:
    """TemplateFetcher, defined when first needed: WeasyPrint (most of a second to import) loads
    only in a process that lays out a PDF."""
    import weasyprint

    class TemplateFetcher(weasyprint.URLFetcher):
        """Serves files under templates/ (fonts) and `data:` URLs; refuses everything else.

        Document text ends up in the HTML WeasyPrint reads; even though it is escaped, nothing in a
        brief may make the renderer read /etc/hostname or call a network address."""

        def __init__(self, root: Path):
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
            self.root = Path(root).resolve()

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlparse(url).path)).resolve()
                if path.is_relative_to(self.root) and path.is_file():
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return weasyprint.urls.URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
            raise ValueError(f"dbreport refuses to fetch {url!r}: only files under {self.root} are served")

    return TemplateFetcher


def template_fetcher(root: Path):
    """A TemplateFetcher serving the files under `root`."""
    return fetcher_class()(root)


# --- catalogs and templates --------------------------------------------------------------------
def load_translations(locale_dir: Path, lang: str) -> gettext.GNUTranslations:
    """The compiled catalog for `lang`; a missing .mo is an error, never silent NullTranslations."""
    try:
        return gettext.translation("dbreport", localedir=str(locale_dir), languages=[lang])
    except FileNotFoundError:
        raise RenderError(f"no compiled catalog {locale_dir}/{lang}/LC_MESSAGES/dbreport.mo "
                          f"(run: pybabel compile -d locale -D dbreport)") from None


def make_environment(templates: Path, translations, fmt: Formatter) -> Environment:
    """Jinja with autoescape and i18n; `trimmed` matches babel.cfg so plural msgids agree."""
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=True, undefined=StrictUndefined,
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(translations, newstyle=True)
    env.filters.update(decimal=fmt.decimal, percent=fmt.percent, quantity=fmt.quantity, money=fmt.money,
                       date=fmt.date, period=fmt.period, short_period=fmt.short_period)
    env.globals["lang_names"] = LANG_NAMES
    return env


def css_string(text: str) -> str:
    """A CSS string literal that is safe inside <style> too."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace("\n", " ") + '"'


def page_counter_css(template: str) -> str:
    """'Trang %(page)s/%(pages)s' -> `"Trang " counter(page) "/" counter(pages)`."""
    out = []
    for part in re.split(r"(%\(pages?\)s)", template):
        if part == "%(page)s":
            out.append("counter(page)")
        elif part == "%(pages)s":
            out.append("counter(pages)")
        elif part:
            out.append(css_string(part))
    return " ".join(out)


def territory(project: Project, lang: str) -> str | None:
    """The place the briefs report on, as its titles name it, from `[tool.dbreport.brief]` in the
    project's pyproject.toml (`territory = { vi = "Tỉnh Điện Biên", en = "Điện Biên province" }`);
    None when the project does not say (titles then name no place)."""
    try:
        with (project.root / "pyproject.toml").open("rb") as fh:
            config = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    names = config.get("tool", {}).get("dbreport", {}).get("brief", {}).get("territory", {})
    return names.get(lang) if isinstance(names, dict) else None


@dataclass
class Renderer:
    """Everything needed to render briefs in one language."""
    project: Project
    lang: str
    fmt: Formatter
    env: Environment
    territory: str | None = None
    svg_cache: dict = field(default_factory=dict)

    @classmethod
    def for_lang(cls, project: Project, lang: str) -> "Renderer":
        t = load_translations(project.locale, lang)
        fmt = Formatter(lang, t)
        return cls(project, lang, fmt, make_environment(project.templates, t, fmt), territory(project, lang))

    @functools.cached_property
    def fetcher(self):
        return template_fetcher(self.project.templates)

    def chart(self, spec, prefix: str) -> Markup:
        """Charts are drawn once per content: layout passes that only drop sentences reuse them."""
        key = (prefix, spec.kind, spec.title, repr(spec.data))
        if key not in self.svg_cache:
            from dbreport import charts  # matplotlib loads only where a chart is drawn

            self.svg_cache[key] = Markup(charts.render_svg(spec, self.fmt, prefix, self.project.templates / "fonts"))
        return self.svg_cache[key]

    def css(self, name: str) -> str:
        return (self.project.templates / name).read_text("utf-8")

    def page_css(self, view: BriefView) -> Markup:
        _ = self.fmt.t.gettext
        return Markup(
            "@page { @top-left { content: %s } @bottom-right { content: %s } @bottom-left { content: %s } }"
            % (css_string(view.title), page_counter_css(_("Page %(page)s of %(pages)s")),
               css_string(_("Sources: see the numbered notes at the end"))))

    def html(self, view: BriefView, medium: str) -> str:
        svgs = [self.chart(spec, f"{view.brief_id}-{self.lang}-c{k}") for k, spec in enumerate(view.charts)]
        if medium == "pdf":  # an image of its own: WeasyPrint then neither parses nor styles its elements as HTML
            svgs = ["data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii") for svg in svgs]
        other = "en" if self.lang == "vi" else "vi"
        return self.env.get_template("brief.html.j2").render(
            view=view, svgs=svgs, medium=medium, css=Markup(self.css("brief.css")),
            print_css=Markup(self.css("print.css")) if medium == "pdf" else "",
            page_css=self.page_css(view) if medium == "pdf" else "",
            other_lang=other, other_href=f"../{other}/{view.brief_id}.html",
            created=view.created.isoformat(), note_by={n.number: n for n in view.notes}, place_by=self.note_places(view))

    def note_places(self, view: BriefView) -> dict[int, str]:
        """Each source note's place in its file: `page 3, line 12` for a PDF, else `line 54`."""
        _ = self.fmt.t.gettext
        paged = {(o.source, o.line): o for o in view.observations if o.page}
        places = {}
        for n in view.notes:
            o = paged.get((n.source, n.line))
            places[n.number] = (_("page %(page)s, line %(line)s") % {"page": o.page, "line": o.page_line} if o
                                else _("line %(line)s") % {"line": n.line})
        return places

    def layout(self, html: str):
        """Lay out pages once: the page count decides the limits, and the same layout is written."""
        import weasyprint

        document = weasyprint.HTML(string=html, base_url=str(self.project.templates) + "/", url_fetcher=self.fetcher)
        return document.render(pdf_variant=PDF_VARIANT)

    def pdf(self, laid_out, view: BriefView) -> bytes:
        if isinstance(laid_out, str):
            laid_out = self.layout(laid_out)
        import weasyprint

        when = datetime.combine(view.created, datetime.min.time(), tzinfo=timezone.utc)
        attachment = weasyprint.Attachment(
            string=observations_csv(view.observations), name=f"{view.brief_id}-{self.lang}-observations.csv",
            description=self.fmt.t.gettext("Figures shown in this brief, with their sources"),
            created=when, modified=when, url_fetcher=self.fetcher, relationship="Data")
        return laid_out.write_pdf(pdf_variant=PDF_VARIANT, attachments=[attachment], pdf_identifier=False,
                                  uncompressed_pdf=False)


def observations_csv(observations: list[Observation]) -> str:
    """The brief's figures as CSV, written as the build's export is."""
    return store.observations_csv([o for o in observations if o.kind], CSV_COLUMNS)


# --- entry points called by build ---------------------------------------------------------------
def render_briefs(project: Project, documents: list[Document], observations: list[Observation],
                  findings: list[Finding], langs: tuple[str, ...], formats: tuple[str, ...],
                  progress=lambda _m: None, catalogue: Indicators | None = None) -> list[BriefOutput]:
    """Every brief (one per document period, plus the meeting brief) in every language and format.

    `catalogue` is the indicator catalogue (the real one, catalogue/indicators.toml, unless given)."""
    catalogue = indicators() if catalogue is None else catalogue
    renderers = {lang: Renderer.for_lang(project, lang) for lang in langs}
    frame = observation_frame(observations, documents)
    outputs, claims = [], []
    for plan in plan_briefs(documents):
        level = 0
        for lang in langs:
            progress(f"rendering {lang}/{plan.brief_id}")
            start = max(0, level - 1)
            output, views = render_one(renderers[lang], plan, documents, (observations, frame), findings, formats,
                                       catalogue, start)
            level = start + len(views) - 1
            outputs.append(output)
            claims += [claim_record(plan.brief_id, lang, c) for c in views[-1].claims]
    write_claims(project.data_dir, claims)
    if "html" in formats:
        render_sources(project, documents, observations)
    return outputs


FIGURE_FIELDS = ("source", "line", "quote", "value", "value_high", "unit", "period", "kind", "indicator", "comparison",
                 "flags", "start", "end")


def claim_record(brief_id: str, lang: str, claim: Claim) -> dict:
    """One line of build/data/claims.jsonl: a statement as printed, with the figures it rests on."""
    def figure(o: Observation) -> dict:
        return {k: (str(v) if k in ("value", "value_high") and v is not None else
                    list(v) if k == "flags" else v) for k in FIGURE_FIELDS for v in [getattr(o, k)]}
    return {"brief": brief_id, "lang": lang, "place": claim.place, "text": claim.text, "relation": claim.relation,
            "verdict": claim.verdict, "verdict_by": claim.verdict_by, "figures": [figure(o) for o in claim.figures]}


def write_claims(data_dir: Path, claims: list[dict]) -> Path:
    """build/data/claims.jsonl: one line per statement per brief and language (issue 10)."""
    text = "".join(json.dumps(c, ensure_ascii=False, sort_keys=True) + "\n" for c in claims)
    return write_atomic(data_dir / "claims.jsonl", text)


def compose_levels(r: Renderer, plan: BriefPlan, documents, observations, findings, catalogue,
                   levels: range) -> list[BriefView]:
    """The brief's view at each of `levels` (indexes into LIMITS). `observations` is the list and
    its observation_frame, made once."""
    observations, frame = observations
    return [compose_brief(plan, r.lang, r.fmt, documents, observations, findings, catalogue, LIMITS[level],
                          r.territory, frame) for level in levels]


def render_one(r: Renderer, plan: BriefPlan, documents, observations, findings, formats, catalogue,
               start: int = 0, composed: list[BriefView] | tuple = ()) -> tuple[BriefOutput, list[BriefView]]:
    """Compose with the fullest limits whose PDF fits MAX_PAGES (the HTML shows the same content).

    `start` is where to begin: the other language of the same brief is about as long, so its
    result saves layout passes. `composed` holds views already made from level `start` on.
    Returns the output and the view at each level tried, from `start` to the one used (its
    claims are exported; the build keys its files by them)."""
    views: list[BriefView] = []
    while True:
        level = start + len(views)
        views += composed[len(views):len(views) + 1] or compose_levels(r, plan, documents, observations, findings,
                                                                      catalogue, range(level, level + 1))
        view = views[-1]
        laid_out = r.layout(r.html(view, "pdf")) if "pdf" in formats else None
        if laid_out is None or len(laid_out.pages) <= MAX_PAGES or level == len(LIMITS) - 1:
            break
    out = r.project.out / r.lang
    files = []
    if "html" in formats:
        files.append(write_atomic(out / f"{plan.brief_id}.html", r.html(view, "html")))
    if "pdf" in formats:
        files.append(write_atomic(out / f"{plan.brief_id}.pdf", r.pdf(laid_out, view)))
    return BriefOutput(plan.brief_id, plan.kind, r.lang, view.title, tuple(files), tuple(view.headlines)), views


def both_languages(project: Project) -> Environment:
    """Source pages and the index serve readers of both languages: their chrome says both."""
    vi, en = (load_translations(project.locale, lang) for lang in ("vi", "en"))
    env = make_environment(project.templates, vi, Formatter("vi", vi))
    env.globals["both"] = lambda msg: f"{vi.gettext(msg)} / {en.gettext(msg)}"
    return env


def line_segments(line: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """A line cut into (text, highlighted) pieces around the quoted spans."""
    out, pos = [], 0
    for start, end in sorted(set(spans)):
        start, end = max(start, pos), min(end, len(line))
        if end <= start:
            continue
        out += [(line[pos:start], False), (line[start:end], True)]
        pos = end
    out.append((line[pos:], False))
    return [(t, m) for t, m in out if t]


def render_sources(project: Project, documents: list[Document], observations: list[Observation]) -> list[Path]:
    """build/sources/<source>.html: the input text with line anchors (#L54) and quotes highlighted;
    a paged document (PDF) page by page, each line numbered on its page, anchors the same."""
    env = both_languages(project)
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for o in observations:
        if o.end > o.start:
            spans.setdefault((o.source, o.line), []).append((o.start, o.end))
    written = []
    for d in sorted(documents, key=lambda d: d.source):
        html = env.get_template("source.html.j2").render(doc=d, pages=source_pages(d, spans), css=Markup(
            (project.templates / "source.css").read_text("utf-8")))
        written.append(write_atomic(project.out / "sources" / f"{d.source}.html", html))
    return written


@dataclass
class SourceLine:
    n: int  # line number in the Document: the anchor (#L54) briefs link to
    shown: int  # the number a reader sees: the line on its page, or in the file
    segments: list[tuple[str, bool]]
    aside: bool
    ocr: bool


def source_pages(doc: Document, spans: dict[tuple[str, int], list[tuple[int, int]]]) -> list[tuple[int | None, list[SourceLine]]]:
    """(page, its lines) in order; one group with page None for a document without pages."""
    pages: list[tuple[int | None, list[SourceLine]]] = []
    for n, text in enumerate(doc.lines, start=1):
        origin = doc.origin(n)
        if not pages or pages[-1][0] != origin.page:
            pages.append((origin.page, []))
        pages[-1][1].append(SourceLine(n, origin.line, line_segments(text, spans.get((doc.source, n), [])),
                                       n in doc.set_aside, bool(origin.ocr)))
    return pages


def render_index(project: Project, briefs: list[BriefOutput], documents: list[Document]) -> Path:
    """build/index.html: every brief, each language, each format."""
    env = both_languages(project)
    rows: dict[str, dict] = {}
    for b in sorted(briefs, key=lambda b: (b.kind != "period", b.brief_id, b.lang)):
        row = rows.setdefault(b.brief_id, {"id": b.brief_id, "kind": b.kind, "titles": {}, "files": {}})
        row["titles"][b.lang] = b.title
        for f in b.files:
            row["files"][(b.lang, f.suffix.lstrip("."))] = f.relative_to(project.out).as_posix()
    html = env.get_template("index.html.j2").render(
        rows=list(rows.values()), documents=sorted(documents, key=lambda d: d.source),
        places=" / ".join(dict.fromkeys(p for p in (territory(project, "vi"), territory(project, "en")) if p)),
        css=Markup((project.templates / "source.css").read_text("utf-8")))
    return write_atomic(project.out / "index.html", html)
