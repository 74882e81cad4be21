"""The build's manifest: the mailer's only source of truth about the briefs.

`dbreport.build` writes `build/manifest.json`: for each brief and language its id, kind, title,
files (path relative to the output folder + sha256) and headline sentences. We check each PDF's
bytes against its digest before mailing it, so a half-finished rebuild is never sent.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path


class ManifestError(Exception):
    """The manifest is missing, unreadable, or disagrees with the files on disk."""


@dataclass(frozen=True)
class Brief:
    id: str
    kind: str
    lang: str
    title: str
    pdf: Path  # absolute
    pdf_sha256: str
    headlines: tuple[str, ...] = ()

    @property
    def attachment_name(self) -> str:
        return f"dbreport-{self.id}-{self.lang}.pdf"


def manifest_path(out: Path) -> Path:
    return Path(out) / "manifest.json"


def read_briefs(out: Path, verify: bool = True) -> list[Brief]:
    """Briefs that have a PDF, in manifest order; with `verify`, PDF bytes must match their sha256."""
    path = manifest_path(out)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"no manifest at {path}; run `dbreport build` first") from None
    except (OSError, ValueError) as exc:
        raise ManifestError(f"cannot read {path}: {exc}") from None
    entries = data.get("briefs") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ManifestError(f"{path}: expected an object with a 'briefs' list")
    briefs = []
    for i, e in enumerate(entries):
        try:
            pdf = e["files"].get("pdf")
            if pdf is None:
                continue
            brief = Brief(id=str(e["id"]), kind=str(e.get("kind", "period")), lang=str(e["lang"]),
                          title=str(e.get("title") or e["id"]), pdf=(Path(out) / pdf["path"]).resolve(),
                          pdf_sha256=str(pdf["sha256"]), headlines=tuple(str(h) for h in e.get("headlines", [])))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ManifestError(f"{path}: briefs[{i}] is malformed ({exc!r})") from None
        if verify:
            check_pdf(brief)
        briefs.append(brief)
    return briefs


def check_pdf(brief: Brief) -> bytes:
    """The PDF's bytes, after checking they are the ones the manifest describes."""
    try:
        data = brief.pdf.read_bytes()
    except OSError as exc:
        raise ManifestError(f"brief {brief.id} ({brief.lang}): cannot read {brief.pdf}: {exc.strerror}") from None
    if hashlib.sha256(data).hexdigest() != brief.pdf_sha256:
        raise ManifestError(f"brief {brief.id} ({brief.lang}): {brief.pdf} does not match the manifest's sha256; "
                            "rebuild with `dbreport build`")
    return data
