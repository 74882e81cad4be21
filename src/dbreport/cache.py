"""What a build can reuse from earlier runs, and the digests that say when it may.

A document's figures are kept in the state folder (`.state/cache/extract/<engine>/`), keyed by the
document's name and bytes under the digest of the engine that read them (the package's code and
catalogue): a changed seed, or a changed engine, is read again; the others are not. Each entry
is written atomically, so two builds sharing the folder never see a torn one, and folders of
other engine versions are removed when a build finishes with its own.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import tomllib
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable

from dbreport.fsutil import write_atomic
from dbreport.model import Document, Observation

PACKAGE_DIR = Path(__file__).resolve().parent  # src/dbreport
DECIMAL_FIELDS = ("value", "value_high")


def files_digest(paths: Iterable[Path], base: Path) -> str:
    """sha256 over the files' paths (relative to `base`) and bytes, in path order."""
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(f"{path.relative_to(base).as_posix()}\0".encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def files_in(folder: Path, pattern: str = "*") -> list[Path]:
    return [p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts] if folder.is_dir() else []


def engine_digest() -> str:
    """The package version and every file of the engine that reads and words figures (the mailer apart)."""
    engine = [p for p in files_in(PACKAGE_DIR) if p.suffix in (".py", ".toml")
              and "deliver" not in p.relative_to(PACKAGE_DIR).parts]
    return digest_of(metadata.version("dbreport"), files_digest(engine, PACKAGE_DIR))


def look_digest(root: Path, templates: Path, locale: Path) -> str:
    """Templates, CSS, fonts, the compiled catalogs and the brief settings of the project's
    pyproject.toml (the place titles name): everything that shapes a page besides its figures."""
    return digest_of(files_digest(files_in(templates), templates), files_digest(files_in(locale, "*.mo"), locale),
                     brief_settings(root))


def brief_settings(root: Path) -> object:
    """`[tool.dbreport.brief]`, as render reads it (None when the file is missing or unreadable)."""
    try:
        with (root / "pyproject.toml").open("rb") as fh:
            return tomllib.load(fh).get("tool", {}).get("dbreport", {}).get("brief")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None


def digest_of(*parts: object) -> str:
    """sha256 of the parts' reprs (dataclasses, Decimals and tuples repr the same on every run)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


# --- figures per document --------------------------------------------------------------------
def observation_json(o: Observation) -> dict:
    record = dataclasses.asdict(o)
    for name in DECIMAL_FIELDS:
        if record[name] is not None:
            record[name] = str(record[name])  # exactly its digits
    return record


def observation_from_json(record: dict) -> Observation:
    for name in DECIMAL_FIELDS:
        if record[name] is not None:
            record[name] = Decimal(record[name])
    return Observation(**{**record, "flags": tuple(record["flags"])})


@dataclasses.dataclass(frozen=True)
class ExtractionCache:
    folder: Path  # .state/cache/extract/<engine digest>

    @classmethod
    def under(cls, cache_dir: Path) -> "ExtractionCache":
        return cls(cache_dir / "extract" / engine_digest()[:32])

    def path_for(self, doc: Document) -> Path:
        return self.folder / f"{digest_of(doc.source, doc.digest)[:40]}.json"

    def observations(self, doc: Document, extract: Callable[[Document], list[Observation]]) -> list[Observation]:
        """The document's figures from an earlier run of this engine on these bytes, else `extract`'s."""
        path = self.path_for(doc)
        try:
            return [observation_from_json(r) for r in json.loads(path.read_text("utf-8"))]
        except (OSError, ValueError, TypeError, KeyError, ArithmeticError):
            pass  # not there yet, or unreadable: read the document again
        observations = extract(doc)
        try:
            write_atomic(path, json.dumps([observation_json(o) for o in observations], ensure_ascii=False))
        except OSError:
            pass  # a full disk or a read-only state folder costs the next build time, not this one its figures
        return observations

    def drop_other_engines(self) -> None:
        for other in self.folder.parent.glob("*"):
            if other != self.folder:
                shutil.rmtree(other, ignore_errors=True)
