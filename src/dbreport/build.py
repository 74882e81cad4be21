"""`dbreport build`: ingest -> extract -> check -> store -> render, for every document in seeds/.

The build writes, under the output folder:
  data/observations.jsonl, data/observations.csv   the public export (DESIGN.md)
  data/findings.jsonl                               every finding of the checks (a brief shows a few)
  <lang>/<brief_id>.html, <lang>/<brief_id>.pdf      the briefs
  data/claims.jsonl                                 every statement of every brief, with its figures
  sources/<document>.html                           each document with line anchors
  index.html                                        links to every brief
  manifest.json                                     what was written, with sha256 digests and the
                                                    digest of each output's inputs; the mailer
                                                    (dbreport.deliver) reads only this file

Only what changed is made again. A language-brief (one brief in one language, the unit of work)
is keyed by a digest of everything it is made from: the documents it reads (its own; for a period
brief also the previous period's and those its findings cite; for the meeting brief every one),
their figures and findings, the templates, CSS, fonts, compiled catalogs and the engine's code.
When the last build's manifest holds the same key and its files are intact, the brief is not
composed or rendered again: its files are hard-linked, not rewritten. A brief whose inputs changed
is composed again (cheap), and laid out again (costly) only when what the renderer receives
changed: its view at each level of limits tried (see shown_key); a new figure the meeting brief
does not show leaves it as it was. Figures are cached per document (dbreport.cache). The briefs
still to lay out are rendered in a pool of processes, largest first; each is a pure function of
its inputs, so the bytes are those of a serial build.

A run holds a lock on its output folder (`.<folder>.lock` beside it) and fills a staging folder
beside it, which takes the output folder's place in one step once everything is written: a
reader sees the previous run's files or this run's, never a mix.
"""
from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterator

from dbreport import check, ingest, store
from dbreport.cache import ExtractionCache, ReadingCache, digest_of, engine_digest, look_digest, renderer_digest
from dbreport.compose import BriefPlan, indicators, observation_frame, plan_briefs, previous_plan
from dbreport.deliver.lock import run_lock
from dbreport.extract import extract_document
from dbreport.fsutil import link_or_copy, sha256_of, staged_folder, write_atomic
from dbreport.model import BriefOutput, Document, Finding, Observation
from dbreport.project import Project
from dbreport.provenance import locate

LANGS = ("vi", "en")
FORMATS = ("html", "pdf")
OWNED = ("index.html", "manifest.json", "data", "sources", *LANGS)  # what a build writes in its folder
CLAIMS = "data/claims.jsonl"

Progress = Callable[[str], None]


class BuildError(Exception):
    """A problem that stops the whole build (as opposed to one bad document)."""


@dataclass
class BuildReport:
    documents: list[Document] = field(default_factory=list)
    errors: list[ingest.DocumentError] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    briefs: list[BriefOutput] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # "vi/2024-H1": laid out by this run, the others were unchanged


@dataclass(frozen=True)
class LanguageBrief:
    """One brief in one language: the unit the build keys, reuses and renders."""
    plan: BriefPlan
    lang: str
    key: str  # digest of everything it is made from
    reads: tuple[str, ...]  # the documents it is composed from
    size: int  # figures it draws on: its rendering cost, to start the largest first

    @property
    def name(self) -> str:
        return f"{self.lang}/{self.plan.brief_id}"


@dataclass(frozen=True)
class Made:
    """A language-brief's files (made or kept), its claims' records and the digest of what its
    renderer received (shown_key over `levels` views)."""
    output: BriefOutput
    claims: list[dict]
    shown: str
    levels: int


def shown_key(look: str, formats: tuple[str, ...], views: list) -> str:
    """What a language-brief's files are a pure function of: the look (templates, CSS, fonts,
    catalogs, the engine's code, the renderer's libraries), the formats, and its view at each
    level of limits tried, the last one written. The same views give the same layouts, hence the
    same level chosen and the same bytes."""
    return digest_of(look, formats, views)


def validate_choices(values: tuple[str, ...], allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    unknown = [v for v in values if v not in allowed]
    if unknown or not values:
        raise BuildError(f"unknown {what} {', '.join(unknown) or '(none given)'}; choose from {', '.join(allowed)}")
    return tuple(dict.fromkeys(values))


@contextmanager
def output_lock(out: Path, what: str, wait: float | None) -> Iterator[None]:
    """The same kind of lock as `monthly`'s, on the output folder: `.<folder>.lock` beside it (a
    lock inside would be swapped away with the folder)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with run_lock(out.parent, what, wait, name=f".{out.name}"):
        yield


# --- ingest, extract, check ----------------------------------------------------------------------
def extract_each(report: BuildReport, cache: ExtractionCache) -> list[Observation]:
    """Every document's figures; a document the engine fails on is reported, the others go on."""
    observations, readable = [], []
    for doc in report.documents:
        try:
            observations += cache.observations(doc, extract_document)
        except Exception as exc:  # an engine bug on one text must not cost the other briefs
            report.errors.append(ingest.DocumentError(doc.path, f"figures could not be read ({type(exc).__name__}: {exc})"))
        else:
            readable.append(doc)
    report.documents = readable
    return observations


def read_and_check(project: Project, progress: Progress) -> BuildReport:
    """ingest (each file's reading cached per content) -> extract (cached per document) -> check."""
    report = BuildReport()
    if not project.seeds.is_dir():
        raise BuildError(f"seeds folder not found: {project.seeds}")
    progress("reading seeds")
    readings = ReadingCache.under(project.cache)
    report.documents, report.errors = ingest.read_seeds(project.seeds, read=readings.read)
    readings.drop_other_engines()
    if not report.documents:
        reasons = "; ".join(str(e) for e in report.errors)
        raise BuildError(f"no readable documents in {project.seeds}" + (f" ({reasons})" if reasons else ""))
    progress("extracting figures")
    cache = ExtractionCache.under(project.cache)
    report.observations = locate(extract_each(report, cache), report.documents)
    cache.drop_other_engines()
    report.findings = check.find_problems(report.observations, report.documents)
    return report


def extract_only(project: Project, progress: Progress = lambda _msg: None, wait: float | None = None) -> BuildReport:
    """ingest -> extract -> check -> store: the observations export without rendering briefs."""
    with output_lock(project.out, "extract", wait):
        report = read_and_check(project, progress)
        progress("writing observations")
        report.files += store.write_observations(project.data_dir, report.observations, report.findings)
    return report


# --- the build -----------------------------------------------------------------------------------
def build(
    project: Project,
    langs: tuple[str, ...] = LANGS,
    formats: tuple[str, ...] = FORMATS,
    progress: Progress = lambda _msg: None,
    jobs: int | None = None,
    wait: float | None = None,
) -> BuildReport:
    """Every brief in `langs` and `formats`, rendered by `jobs` processes (default: one per core).

    `wait`: seconds to wait for another build of the same folder (None: fail at once)."""
    langs = validate_choices(langs, LANGS, "language")
    formats = validate_choices(formats, FORMATS, "format")
    jobs = len(os.sched_getaffinity(0)) if jobs is None else jobs
    if jobs < 1:
        raise BuildError(f"--jobs must be 1 or more, not {jobs}")
    with output_lock(project.out, "build", wait), staged_folder(project.out, OWNED) as staging:
        report = build_into(project, dataclasses.replace(project, out=staging), langs, formats, progress, jobs)

    def moved(path: Path) -> Path:
        return project.out / path.relative_to(staging)

    report.files = [moved(p) for p in report.files]
    report.briefs = [dataclasses.replace(b, files=tuple(moved(p) for p in b.files)) for b in report.briefs]
    return report


def build_into(project: Project, stage: Project, langs: tuple[str, ...], formats: tuple[str, ...],
               progress: Progress, jobs: int) -> BuildReport:
    """Everything into `stage.out`, reusing what the last build in `project.out` made from the same inputs.

    When the last build's briefs cannot be reused (none, or another look), every brief will be
    rendered: the pool starts at once, its workers loading WeasyPrint and matplotlib on the other
    cores while this process reads the seeds."""
    look = digest_of(engine_digest(), renderer_digest(), look_digest(project.root, project.templates, project.locale))
    previous = Previous.read(project.out)
    with render_pool(jobs if jobs > 1 and previous.look != look else 0) as pool:
        report = read_and_check(project, progress)
        progress("writing observations")
        report.files += store.write_observations(stage.data_dir, report.observations, report.findings)
        work = language_briefs(report, langs, formats, look)
        done = {job.key: made for job in work
                if (made := previous.kept(job, previous.entries.get(job.key), formats, stage.out)) is not None}
        todo = [job for job in work if job.key not in done]
        if todo:
            done |= compose_and_render(stage, report, todo, formats, look, previous, jobs, pool, progress)
    report.briefs = [done[job.key].output for job in work]
    report.files += [f for b in report.briefs for f in b.files]
    others = write_claims(stage, [job.key for job in work], [c for job in work for c in done[job.key].claims], previous)
    others |= write_pages(stage, report, formats, look, previous)
    report.files += [stage.out / p for p in others]
    report.files.append(write_manifest(stage.out, {job.name: (job.key, done[job.key]) for job in work}, others, look))
    return report


def language_briefs(report: BuildReport, langs: tuple[str, ...], formats: tuple[str, ...],
                    look: str) -> list[LanguageBrief]:
    """Every brief in every language, in plan order, each keyed by what it is made from.

    What a brief reads mirrors compose: a period brief its own documents, the previous period's
    (for "what changed") and the documents its findings cite; the meeting brief every document.
    tests/test_build.py checks that a period brief's view does not change when anything else does."""
    plans = plan_briefs(report.documents)
    work = []
    for plan in plans:
        previous = previous_plan(plan, plans) if plan.kind == "period" else None
        findings = [f for f in report.findings if any(r.source in plan.sources for r in f.refs)]
        sources = {*plan.sources, *(previous.sources if previous else ()), *(r.source for f in findings for r in f.refs)}
        observations = [o for o in report.observations if o.source in sources]
        made_of = digest_of(look, formats, plan, previous, findings, observations,
                            [(d.source, d.digest) for d in report.documents if d.source in sources])
        work += [LanguageBrief(plan, lang, digest_of(made_of, lang), tuple(sorted(sources)), len(observations))
                 for lang in langs]
    return work


def brief_paths(job: LanguageBrief, formats: tuple[str, ...]) -> list[str]:
    return [f"{job.lang}/{job.plan.brief_id}.{ext}" for ext in formats]


@dataclass
class Previous:
    """The last build's outputs by the digest of their inputs, as its manifest records them, and
    its briefs' claims ("vi/2024-H1" -> records) as its claims export holds them."""
    out: Path
    entries: dict[str, dict]
    claims: dict[str, list[dict]]
    named: dict[str, dict]  # "vi/2024-H1" -> its entry
    look: str | None  # the look its briefs were made with

    @classmethod
    def read(cls, out: Path) -> "Previous":
        try:
            data = json.loads((out / "manifest.json").read_text("utf-8"))
            entries = {e["inputs"]: e for e in data["briefs"] + data["outputs"] if isinstance(e, dict) and "inputs" in e}
            named = {f"{e['lang']}/{e['id']}": e for e in data["briefs"] if isinstance(e, dict) and "inputs" in e}
            look = data.get("look")
            recorded = next(f["sha256"] for e in data["outputs"] for f in e["files"].values() if f["path"] == CLAIMS)
            text = (out / CLAIMS).read_bytes()
            if sha256_of(text) != recorded:
                raise ValueError(f"{CLAIMS} changed since the build")
            claims: dict[str, list[dict]] = {}
            for record in map(json.loads, text.decode("utf-8").splitlines()):
                claims.setdefault(f"{record['lang']}/{record['brief']}", []).append(record)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, StopIteration):
            return cls(out, {}, {}, {}, None)  # no previous build, or one that cannot be trusted: make everything
        return cls(out, entries, claims, named, look)  # the file is intact: a brief it has no line of made no claim

    def reuse(self, key: str, paths: list[str], stage: Path) -> dict | None:
        """The manifest entry of an output made from the same inputs, its files linked into
        `stage`; None if there is none, or it has other files, or one changed since."""
        return self.link(self.entries.get(key), paths, stage)

    def link(self, entry: dict | None, paths: list[str], stage: Path) -> dict | None:
        """`entry`, its files linked into `stage`; None if it has other files or one changed since."""
        try:
            recorded = {f["path"]: f["sha256"] for f in entry["files"].values()} if entry else {}
        except (AttributeError, KeyError, TypeError):
            return None
        if sorted(recorded) != sorted(paths) or not all(self.intact(p, recorded[p]) for p in paths):
            return None
        for path in paths:
            link_or_copy(self.out / path, stage / path)
        return entry

    def kept(self, job: LanguageBrief, entry: dict | None, formats: tuple[str, ...], stage: Path) -> Made | None:
        """The brief as `entry` (one of the last build's) records it, its files linked into
        `stage`; None when the entry is not this brief's or its files changed since."""
        try:
            if entry is None or (entry["lang"], entry["id"]) != (job.lang, job.plan.brief_id):
                return None
            made = Made(BriefOutput(job.plan.brief_id, job.plan.kind, job.lang, str(entry["title"]),
                                    tuple(stage / p for p in brief_paths(job, formats)),
                                    tuple(map(str, entry["headlines"]))),
                        self.claims.get(job.name, []), str(entry["shown"]), int(entry["levels"]))
        except (KeyError, TypeError, ValueError):
            return None
        return made if self.link(entry, brief_paths(job, formats), stage) is not None else None

    def intact(self, path: str, digest: str) -> bool:
        try:
            return sha256_of((self.out / path).read_bytes()) == digest
        except OSError:
            return False


# --- rendering, in a pool of processes -----------------------------------------------------------
WORK: dict = {}  # this process's build context (see use_context)


def use_context(context: dict) -> None:
    """Set WORK to what every language-brief is composed from: `context` (project, documents,
    observations, findings, formats, look, composed views) and what is made from it once."""
    from dbreport import render  # noqa: F401 - jinja and the catalogs; WeasyPrint loads on the first layout

    WORK.clear()
    WORK.update(context, observations=(context["observations"],
                                       observation_frame(context["observations"], context["documents"])),
                catalogue=indicators(), renderers={})


def warm_up() -> None:
    """A pool worker's first act: load what laying out, drawing and the CSV need."""
    import pandas  # noqa: F401
    import weasyprint  # noqa: F401

    from dbreport import charts, render  # noqa: F401


@contextmanager
def render_pool(jobs: int) -> Iterator[ProcessPoolExecutor | None]:
    """`jobs` worker processes, started now and warming up (None when `jobs` is 0). Forked before
    this process loads pandas or WeasyPrint, they load them while it reads and extracts."""
    if not jobs:
        yield None
        return
    with ProcessPoolExecutor(jobs, mp_context=get_context("fork"), initializer=warm_up) as pool:
        pool.submit(int)  # a fork pool starts all its workers with its first task
        yield pool


def compose_and_render(stage: Project, report: BuildReport, todo: list[LanguageBrief], formats: tuple[str, ...],
                       look: str, previous: Previous, jobs: int, pool: ProcessPoolExecutor | None,
                       progress: Progress) -> dict[str, Made]:
    """Each brief of `todo` (its inputs changed) by key: kept when its views at the levels the last
    build tried are the same (shown_key), else rendered (in `pool` when one is running);
    report.rendered keeps the names rendered."""
    context = dict(project=stage, documents=report.documents, observations=report.observations,
                   findings=report.findings, formats=formats, look=look, composed={})
    done = {}
    try:
        for job in todo:
            entry = previous.named.get(job.name)
            if not isinstance(entry, dict) or not isinstance(entry.get("levels"), int):
                continue  # the last build did not make it: nothing to compare with
            if not WORK:
                progress("composing the briefs whose inputs changed")
                use_context(context)
            views = compose_levels(job, entry["levels"])
            made = previous.kept(job, entry, formats, stage.out) if shown_key(look, formats, views) == entry.get("shown") else None
            if made is None:
                context["composed"][job.name] = views  # the renderer starts from them
            else:
                done[job.key] = made
        report.rendered = [job.name for job in todo if job.key not in done]
        return done | render_all([job for job in todo if job.key not in done], context, jobs, pool, progress)
    finally:
        WORK.clear()


def compose_levels(job: LanguageBrief, levels: int) -> list:
    from dbreport import render

    return render.compose_levels(renderer(job.lang), job.plan, WORK["documents"], WORK["observations"],
                                 WORK["findings"], WORK["catalogue"], range(min(levels, len(render.LIMITS))))


def renderer(lang: str):
    """The Renderer of `lang`, made once per process."""
    from dbreport import render

    if lang not in WORK["renderers"]:
        WORK["renderers"][lang] = render.Renderer.for_lang(WORK["project"], lang)
    return WORK["renderers"][lang]


def render_all(todo: list[LanguageBrief], context: dict, jobs: int, pool: ProcessPoolExecutor | None,
               progress: Progress) -> dict[str, Made]:
    """Render `todo`, largest first, by key: in `pool` when one is running, else in a pool of `jobs`
    processes, or in this one when `jobs` is 1 or there is one brief. No pool is started when there
    is nothing to render."""
    if not todo:
        return {}
    order = sorted(todo, key=lambda j: (-j.size, j.plan.brief_id, j.lang))
    if pool is not None:
        return render_in(pool, jobs, order, context, progress)
    if jobs == 1 or len(order) == 1:
        use_context(context)
        outputs = []
        for job in order:
            progress(f"rendering {job.name}")
            outputs.append(render_language_brief(job))
        return {job.key: out for job, out in zip(order, outputs)}
    with render_pool(min(jobs, len(order))) as started:
        return render_in(started, min(jobs, len(order)), order, context, progress)


def render_in(pool: ProcessPoolExecutor, workers: int, order: list[LanguageBrief], context: dict,
              progress: Progress) -> dict[str, Made]:
    """The context goes pickled once; each worker loads it with its first brief."""
    progress(f"rendering {len(order)} briefs with {workers} processes")
    blob = pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL)
    token = hashlib.sha256(blob).hexdigest()
    outputs = pool.map(render_in_worker, order, itertools.repeat(token), itertools.repeat(blob))
    return {job.key: out for job, out in zip(order, outputs)}


def render_in_worker(job: LanguageBrief, token: str, blob: bytes) -> Made:
    if WORK.get("token") != token:
        use_context(pickle.loads(blob))
        WORK["token"] = token
    return render_language_brief(job)


def render_language_brief(job: LanguageBrief) -> Made:
    """Compose and render one language-brief into WORK's project (in a worker process or this one)."""
    from dbreport import render

    output, views = render.render_one(renderer(job.lang), job.plan, WORK["documents"], WORK["observations"],
                                      WORK["findings"], WORK["formats"], WORK["catalogue"],
                                      composed=WORK["composed"].get(job.name, ()))
    return Made(output, [render.claim_record(job.plan.brief_id, job.lang, c) for c in views[-1].claims],
                shown_key(WORK["look"], WORK["formats"], views), len(views))


def write_claims(stage: Project, keys: list[str], claims: list[dict], previous: Previous) -> dict[str, str]:
    """data/claims.jsonl, every brief's claims in plan order: the last build's file when every
    brief is unchanged; relative path -> key."""
    key = digest_of("claims", keys)
    if previous.reuse(key, [CLAIMS], stage.out) is None:
        from dbreport import render

        render.write_claims(stage.data_dir, claims)
    return {CLAIMS: key}


def write_pages(stage: Project, report: BuildReport, formats: tuple[str, ...], look: str,
                previous: Previous) -> dict[str, str]:
    """The source pages and the index, each reused when its inputs are unchanged; relative path -> key."""
    pages = {}
    if "html" in formats:
        pages |= {f"sources/{d.source}.html": digest_of(look, "source", d.source, d.digest) for d in report.documents}
    briefs = [(b.brief_id, b.kind, b.lang, b.title, [p.relative_to(stage.out).as_posix() for p in b.files])
              for b in report.briefs]
    pages["index.html"] = digest_of(look, "index", briefs, [(d.source, d.digest) for d in report.documents])
    stale = [path for path, key in pages.items() if previous.reuse(key, [path], stage.out) is None]
    if stale:
        from dbreport import render

        render.render_sources(stage, [d for d in report.documents if f"sources/{d.source}.html" in stale],
                              report.observations)
        if "index.html" in stale:
            render.render_index(stage, report.briefs, report.documents)
    return pages


def write_manifest(out: Path, briefs: dict[str, tuple[str, Made]], others: dict[str, str], look: str) -> Path:
    """The briefs (with their files' digests, their inputs' digest and what their renderer received)
    and the other outputs' (pages, claims)."""
    def file_entry(path: str) -> dict:
        return {"path": path, "sha256": sha256_of((out / path).read_bytes())}

    entries = []
    for key, made in sorted(briefs.values(), key=lambda km: (km[1].output.brief_id, km[1].output.lang)):
        b = made.output
        files = {p.suffix.lstrip("."): file_entry(p.relative_to(out).as_posix()) for p in b.files}
        entries.append({"id": b.brief_id, "kind": b.kind, "lang": b.lang, "title": b.title, "files": files,
                        "headlines": list(b.headlines), "inputs": key, "shown": made.shown, "levels": made.levels})
    other_entries = [{"files": {Path(path).suffix.lstrip("."): file_entry(path)}, "inputs": key}
                     for path, key in sorted(others.items())]
    return write_atomic(out / "manifest.json",
                        json.dumps({"look": look, "briefs": entries, "outputs": other_entries}, ensure_ascii=False, indent=2) + "\n")
