"""Fuzzing ingest -> extract -> check -> compose: crashes, slow cases, time per KB, peak memory.

    .venv/bin/python benchmarks/fuzz.py [--cases 10000] [--keep DIR] [--big-mb 8]

1. `--cases` hostile texts (tests/fuzz_texts.py: report phrases, numbers at extremes, broken
   UTF-8, control characters, long lines) each go through the whole pipeline; a crash is any
   exception, or a refusal that is not a one-line reason. Reports crashes and cases over 10 s.
2. Scaling: documents of 10 KB to 1 MB made of those texts (as lines, and as one single line) and
   of the real seeds, each run in a fresh process: CPU seconds per KB and peak memory. The baseline, measured in the
   same run on the same text, is a plain regex scan for numbers; a linear pipeline keeps the time
   per KB flat as the size grows (the ratio of 1 MB to 10 KB is the figure to watch).
3. One document of `--big-mb` MB on a single line (the real seeds joined), in a fresh process.

Absolute times on a shared machine are noise; compare the ratios.
"""
from __future__ import annotations

import argparse
import multiprocessing
import re
import resource
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from fuzz_texts import report_texts, run_pipeline  # noqa: E402

SLOW = 10.0  # seconds: a case slower than this counts as a hang
SIZES_KB = (10, 30, 100, 300, 1000)


def fuzz(cases: int, keep: Path | None) -> dict:
    """Run `cases` generated texts; count crashes (by kind) and slow cases."""
    stats = {"cases": 0, "refused": Counter(), "slow": [], "crashes": Counter(), "bytes": 0, "seconds": 0.0}

    @settings(max_examples=cases, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(report_texts())
    def case(data: bytes) -> None:
        stats["cases"] += 1
        stats["bytes"] += len(data)
        start = time.perf_counter()
        try:
            outcome = run_pipeline(data)
            if outcome.error:
                stats["refused"][re.sub(r"\d+", "N", outcome.error.split(": ", 1)[1])] += 1
        except Exception as exc:  # noqa: BLE001 - counting crashes is the point
            where = traceback.extract_tb(exc.__traceback__)[-1]
            kind = f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}"
            stats["crashes"][kind] += 1
            if keep and stats["crashes"][kind] == 1:
                keep.mkdir(parents=True, exist_ok=True)
                (keep / f"crash-{sum(stats['crashes'].values()):03d}.txt").write_bytes(data)
        elapsed = time.perf_counter() - start
        stats["seconds"] += elapsed
        if elapsed > SLOW:
            stats["slow"].append((elapsed, len(data)))

    case()
    return stats


def sample_texts(count: int) -> list[bytes]:
    """`count` generated texts (readable ones: the scaling run measures reading, not refusing)."""
    texts: list[bytes] = []

    @settings(max_examples=count, deadline=None, database=None, phases=[Phase.generate], derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(report_texts(max_pieces=400))
    def collect(data: bytes) -> None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return
        texts.append(data.replace(b"\x00", b" "))

    collect()
    return texts


def document_of(texts: list[bytes], kb: int, one_line: bool) -> bytes:
    """A report title, then the texts in turn until `kb` KB; on one line if asked."""
    out = bytearray("BÁO CÁO Tình hình kinh tế - xã hội 6 tháng đầu năm 2024\n".encode())
    i = 0
    while len(out) < kb * 1000:
        out += texts[i % len(texts)] + b"\n"
        i += 1
    text = bytes(out[:kb * 1000]).decode("utf-8", "ignore")
    return (re.sub(r"[\r\n\x0c\x85\u2028]", " ", text) if one_line else text).encode()


def seeds_text(kb: int) -> bytes:
    """The real seed reports, repeated to `kb` KB: the figure density of real text."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return (text * (kb * 1000 // len(text.encode()) + 1)).encode()[:kb * 1000].decode("utf-8", "ignore").encode()


def peak_rss_kb() -> int:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss over
    exec, so a process spawned by a big parent would report the parent's peak."""
    status = Path("/proc/self/status")
    if status.exists():
        m = re.search(r"^VmHWM:\s+(\d+) kB", status.read_text(), re.M)
        if m:
            return int(m.group(1))
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(data: bytes, queue) -> None:
    """In a fresh process: CPU seconds of the pipeline and of the baseline scan, and peak RSS."""
    run_pipeline("Năm 2024 có 12 xã.".encode())  # load the catalogues and compile the patterns first
    base_rss = peak_rss_kb()
    text = data.decode("utf-8", "replace")
    t0 = time.process_time()
    for _ in range(5):
        numbers = len(re.findall(r"\d[\d.,]*", text))
    baseline = (time.process_time() - t0) / 5
    t0 = time.process_time()
    error = None
    try:
        outcome = run_pipeline(data)
        error = outcome.error
    except Exception as exc:  # noqa: BLE001
        error = f"CRASH {type(exc).__name__}: {exc}"
        outcome = None
    seconds = time.process_time() - t0
    peak = peak_rss_kb()
    queue.put((seconds, baseline, numbers, peak / 1024, (peak - base_rss) / 1024, error,
               outcome.observations if outcome else 0))


def in_fresh_process(data: bytes) -> tuple:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=measure, args=(data, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def seeds_on_one_line(mb: float) -> bytes:
    text = " ".join(p.read_text(encoding="utf-8").replace("\n", " ") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return (text * (int(mb * 1e6) // len(text.encode()) + 1)).encode()[:int(mb * 1e6)].decode("utf-8", "ignore").encode()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, help="write the first input of each kind of crash here")
    ap.add_argument("--big-mb", type=float, default=8.0)
    args = ap.parse_args()

    stats = fuzz(args.cases, args.keep)
    crashes = sum(stats["crashes"].values())
    print(f"fuzz: {stats['cases']} cases, {stats['bytes'] / 1e6:.1f} MB, {stats['seconds']:.0f} s; "
          f"{sum(stats['refused'].values())} refused with a one-line reason; {crashes} crashes; "
          f"{len(stats['slow'])} over {SLOW:g} s")
    for reason, n in stats["refused"].most_common():
        print(f"  refused x{n}: {reason}")
    for kind, n in stats["crashes"].most_common():
        print(f"  crash x{n}: {kind}")
    for elapsed, size in stats["slow"]:
        print(f"  slow: {elapsed:.1f} s for {size} bytes")

    texts = sample_texts(300)
    print(f"\nscaling ({len(texts)} generated texts repeated to size; CPU s, fresh process per size)")
    print(f"{'shape':<9}{'size':>8}{'figures':>9}{'pipeline':>10}{'ms/KB':>8}{'baseline ms/KB':>16}"
          f"{'ratio':>7}{'peak MB':>9}{'+MB':>7}")
    shapes = {"lines": lambda kb: document_of(texts, kb, False), "one line": lambda kb: document_of(texts, kb, True),
              "seeds": seeds_text}
    for shape, make in shapes.items():
        first = None
        for kb in SIZES_KB:
            seconds, baseline, _numbers, peak, grown, error, figures = in_fresh_process(make(kb))
            per_kb = seconds * 1000 / kb
            first = first or per_kb
            print(f"{shape:<9}{kb:>6}KB{figures:>9}{seconds:>9.2f}s{per_kb:>8.2f}{baseline * 1000 / kb:>16.4f}"
                  f"{per_kb / first:>7.2f}{peak:>9.0f}{grown:>7.0f}" + (f"  {error}" if error else ""))

    big = seeds_on_one_line(args.big_mb)
    seconds, _baseline, _n, peak, grown, error, figures = in_fresh_process(big)
    print(f"\n{len(big) / 1e6:.1f} MB on a single line (the seeds joined): {seconds:.1f} s CPU, peak {peak:.0f} MB "
          f"(+{grown:.0f} MB over the process at start), {figures} figures" + (f"; {error}" if error else ""))


if __name__ == "__main__":
    main()
