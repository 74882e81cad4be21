"""`dbreport build`: ingest -> extract -> check -> store -> render, for every document in seeds/.

The build writes, under the output folder:
  data/observations.jsonl, data/observations.csv   the public export (DESIGN.md)
  <lang>/<brief_id>.html, <lang>/<brief_id>.pdf      the briefs
  index.html                                        links to every brief
  manifest.json                                     what was written, with sha256 digests; the
                                                    mailer (dbreport.deliver) reads only this file
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from dbreport import check, ingest, render, store
from dbreport.extract import extract_document
from dbreport.fsutil import sha256_of, write_atomic
from dbreport.model import BriefOutput, Document, Finding, Observation
from dbreport.project import Project
from dbreport.provenance import locate

LANGS = ("vi", "en")
FORMATS = ("html", "pdf")

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


def validate_choices(values: tuple[str, ...], allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    unknown = [v for v in values if v not in allowed]
    if unknown or not values:
        raise BuildError(f"unknown {what} {', '.join(unknown) or '(none given)'}; choose from {', '.join(allowed)}")
    return tuple(dict.fromkeys(values))


def extract_each(report: BuildReport) -> list[Observation]:
    """Every document's figures; a document the engine fails on is reported, the others go on."""
    observations, readable = [], []
    for doc in report.documents:
        try:
            observations += extract_document(doc)
        except Exception as exc:  # an engine bug on one text must not cost the other briefs
            report.errors.append(ingest.DocumentError(doc.path, f"figures could not be read ({type(exc).__name__}: {exc})"))
        else:
            readable.append(doc)
    report.documents = readable
    return observations


def extract_only(project: Project, progress: Progress = lambda _msg: None) -> BuildReport:
    """ingest -> extract -> check -> store: the observations export without rendering briefs."""
    report = BuildReport()
    if not project.seeds.is_dir():
        raise BuildError(f"seeds folder not found: {project.seeds}")
    progress("reading seeds")
    report.documents, report.errors = ingest.read_seeds(project.seeds)
    if not report.documents:
        reasons = "; ".join(str(e) for e in report.errors)
        raise BuildError(f"no readable documents in {project.seeds}" + (f" ({reasons})" if reasons else ""))
    progress("extracting figures")
    report.observations = locate(extract_each(report), report.documents)
    report.findings = check.find_problems(report.observations, report.documents)
    progress("writing observations")
    report.files += store.write_observations(project.data_dir, report.observations)
    return report


def build(
    project: Project,
    langs: tuple[str, ...] = LANGS,
    formats: tuple[str, ...] = FORMATS,
    progress: Progress = lambda _msg: None,
) -> BuildReport:
    langs = validate_choices(langs, LANGS, "language")
    formats = validate_choices(formats, FORMATS, "format")
    report = extract_only(project, progress)
    # The mailer trusts the manifest's digests: none may stand beside briefs half rewritten.
    (project.out / "manifest.json").unlink(missing_ok=True)
    report.briefs = render.render_briefs(
        project, report.documents, report.observations, report.findings, langs, formats, progress
    )
    report.files += [f for b in report.briefs for f in b.files]
    report.files.append(render.render_index(project, report.briefs, report.documents))
    report.files.append(write_manifest(project.out, report.briefs))
    return report


def write_manifest(out: Path, briefs: list[BriefOutput]) -> Path:
    entries = []
    for b in sorted(briefs, key=lambda b: (b.brief_id, b.lang)):
        files = {p.suffix.lstrip("."): {"path": str(p.relative_to(out)), "sha256": sha256_of(p.read_bytes())} for p in b.files}
        entries.append({"id": b.brief_id, "kind": b.kind, "lang": b.lang, "title": b.title,
                        "files": files, "headlines": list(b.headlines)})
    return write_atomic(out / "manifest.json", json.dumps({"briefs": entries}, ensure_ascii=False, indent=2) + "\n")
