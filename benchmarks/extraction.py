"""Extraction throughput: the seeds replicated to at least 50 MB, read and extracted in one process.

    .venv/bin/python benchmarks/extraction.py [--mb 50]

Reports MB/s per core for ingest + extract, and, as a baseline measured in the same run on the same
text, the throughput of a plain regex scan for numbers (the floor any extractor pays), so the figure
can be compared across machines as a ratio. Absolute times on shared machines are noise.
"""
from __future__ import annotations

import argparse
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path

from dbreport.extract import extract_all
from dbreport.ingest import read_seeds

ROOT = Path(__file__).resolve().parents[1]


def replicate(seeds: Path, target_mb: float, into: Path) -> int:
    """Copy the seed files under new names until the folder holds `target_mb`; returns bytes."""
    files = sorted(seeds.glob("*.txt"))
    total, copy = 0, 0
    while total < target_mb * 1e6:
        for f in files:
            shutil.copy(f, into / f"{copy:04d}_{f.name}")
            total += f.stat().st_size
        copy += 1
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = replicate(ROOT / "seeds", args.mb, folder)
        mb = size / 1e6

        t0 = time.process_time()
        numbers = sum(len(re.findall(r"\d[\d.,]*", p.read_text(encoding="utf-8"))) for p in folder.iterdir())
        baseline = time.process_time() - t0

        t0 = time.process_time()
        docs, errors = read_seeds(folder)
        t_ingest = time.process_time() - t0
        t0 = time.process_time()
        observations = extract_all(docs)
        t_extract = time.process_time() - t0

    total = t_ingest + t_extract
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"input: {mb:.1f} MB in {len(docs)} documents ({len(errors)} unreadable), {numbers} number tokens")
    print(f"baseline regex scan:  {mb / baseline:8.2f} MB/s per core")
    print(f"ingest:               {mb / t_ingest:8.2f} MB/s per core")
    print(f"extract:              {mb / t_extract:8.2f} MB/s per core ({len(observations)} observations)")
    print(f"ingest + extract:     {mb / total:8.2f} MB/s per core = {baseline / total:.3f} x the regex baseline")
    print(f"peak memory (RSS):    {peak_mb:8.0f} MB")


if __name__ == "__main__":
    main()
