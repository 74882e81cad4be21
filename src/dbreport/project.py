"""Where a report project keeps its inputs and outputs.

`dbreport` runs inside a report project directory (DESIGN.md): seeds/, templates/, locale/ and
build/ sit side by side. Commands accept overrides for the seeds and output folders only.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path
    seeds: Path
    out: Path
    state: Path | None = None  # what survives `rm -rf build/` [default: ROOT/.state]

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def locale(self) -> Path:
        return self.root / "locale"

    @property
    def cache(self) -> Path:
        """What builds reuse (figures per document)."""
        return (self.state or self.root / ".state") / "cache"

    @property
    def data_dir(self) -> Path:
        return self.out / "data"

    @classmethod
    def at(cls, root: Path | str = ".", seeds: Path | str | None = None, out: Path | str | None = None) -> "Project":
        root = Path(root).resolve()
        return cls(
            root=root,
            seeds=Path(seeds).resolve() if seeds else root / "seeds",
            out=Path(out).resolve() if out else root / "build",
        )
