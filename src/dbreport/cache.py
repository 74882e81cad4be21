"""What a build can reuse from earlier runs, and the digests that say when it may.

Two things are kept in the state folder, each under the digest of the code that made it:
  - what a reader made of a file (`.state/cache/read/<readers>/`), keyed by the file's bytes and
    suffix (and Tesseract's version for a PDF, which may be scanned): OCR of an unchanged scan is
    not run again; <readers> is the engine's code and the reading libraries' versions;
  - a document's figures (`.state/cache/extract/<engine>/`), keyed by the document's name and
    bytes under the digest of the engine that read them (the package's code and catalogue).
A changed seed, or changed code, is read again; the others are not. Each entry is written
atomically, so two builds sharing the folder never see a torn one, and folders of other
versions are removed when a build finishes with its own.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import shutil
import tomllib
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from dbreport.fsutil import write_atomic
from dbreport.model import Document, Observation, Origin
from dbreport.readers import PageProgress, Reading, file_format, read_file

PACKAGE_DIR = Path(__file__).resolve().parent  # src/dbreport
DECIMAL_FIELDS = ("value", "value_high")
RENDERING_LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "matplotlib", "jinja2", "babel")
READING_LIBRARIES = ("pdfplumber", "pypdfium2", "pytesseract", "python-docx", "trafilatura", "charset-normalizer")
T = TypeVar("T")


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


def renderer_digest() -> str:
    """The versions of the libraries that turn a brief's view into bytes: another version may lay
    out or write the same view differently."""
    return digest_of([metadata.version(name) for name in RENDERING_LIBRARIES])


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


@dataclasses.dataclass(frozen=True)
class StateCache:
    """JSON entries in one folder per version of the code that made them."""
    folder: Path

    def kept(self, key: str, make: Callable[[], T], dump: Callable[[T], object], load: Callable[[object], T]) -> T:
        """The value an earlier run stored under `key`, else `make()`'s, stored for the next run."""
        path = self.entry(key)
        try:
            return load(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError, TypeError, KeyError, IndexError, ArithmeticError):
            pass  # not there yet, or unreadable: make it again
        value = make()
        try:
            write_atomic(path, json.dumps(dump(value), ensure_ascii=False))
        except OSError:
            pass  # a full disk or a read-only state folder costs the next build time, not this one its value
        return value

    def entry(self, key: str) -> Path:
        return self.folder / f"{key[:40]}.json"

    def drop_other_engines(self) -> None:
        for other in self.folder.parent.glob("*"):
            if other != self.folder:
                shutil.rmtree(other, ignore_errors=True)


# --- what a reader made of a file --------------------------------------------------------------
def reading_json(reading: Reading) -> dict:
    return {"lines": reading.lines, "format": reading.format,
            "origins": [dataclasses.astuple(o) for o in reading.origins],
            "set_aside": None if reading.set_aside is None else list(reading.set_aside.items()),
            "footnotes": None if reading.footnotes is None else list(reading.footnotes.items())}


def reading_from_json(record: dict) -> Reading:
    def origin(page, line, table_row, cells, ocr) -> Origin:
        return Origin(page, line, table_row, tuple(map(tuple, cells)), tuple(map(tuple, ocr)))
    return Reading([str(line) for line in record["lines"]], str(record["format"]),
                   [origin(*o) for o in record["origins"]],
                   None if record["set_aside"] is None else {int(n): str(why) for n, why in record["set_aside"]},
                   None if record["footnotes"] is None else {int(n): int(k) for n, k in record["footnotes"]})


@functools.cache
def tesseract_version() -> str | None:
    """Tesseract's version (another version may read a scan differently); None when it is missing.
    Its language model is not in the key: a new `vie` model under the same version is not noticed
    until the state folder is removed."""
    import pytesseract

    try:
        return str(pytesseract.get_tesseract_version())
    except (pytesseract.TesseractNotFoundError, OSError):
        return None


class ReadingCache(StateCache):
    """What the readers made of each file, so an unchanged scan is not OCR'd again."""

    @classmethod
    def under(cls, cache_dir: Path) -> "ReadingCache":
        versions = [metadata.version(name) for name in READING_LIBRARIES]
        return cls(cache_dir / "read" / digest_of(engine_digest(), versions)[:32])

    def read(self, path: Path, raw: bytes, on_page: PageProgress | None = None,
             read: Callable[[Path, bytes, PageProgress | None], Reading] = read_file) -> Reading:
        """`read(path, raw, on_page)`'s Reading, from an earlier run when the bytes are the same.
        A file no reader takes raises Unreadable every time: a refusal is cheap and not kept."""
        ocr = tesseract_version() if file_format(path, raw) == "pdf" else None  # a PDF may be a scan
        key = digest_of(path.suffix.lower(), hashlib.sha256(raw).hexdigest(), ocr)
        return self.kept(key, lambda: read(path, raw, on_page), reading_json, reading_from_json)


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


class ExtractionCache(StateCache):
    """Each document's figures (folder: .state/cache/extract/<engine digest>)."""

    @classmethod
    def under(cls, cache_dir: Path) -> "ExtractionCache":
        return cls(cache_dir / "extract" / engine_digest()[:32])

    def path_for(self, doc: Document) -> Path:
        return self.entry(self.key(doc))

    @staticmethod
    def key(doc: Document) -> str:
        return digest_of(doc.source, doc.digest)

    def observations(self, doc: Document, extract: Callable[[Document], list[Observation]]) -> list[Observation]:
        """The document's figures from an earlier run of this engine on these bytes, else `extract`'s."""
        return self.kept(self.key(doc), lambda: extract(doc), lambda obs: [observation_json(o) for o in obs],
                         lambda records: [observation_from_json(r) for r in records])
