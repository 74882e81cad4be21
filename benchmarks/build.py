"""Build speed: cold build, no-op rebuild, one seed changed, per-stage times; beside a base commit.

    .venv/bin/python benchmarks/build.py [--rounds 3] [--base 4c306a8] [--jobs N] [--scan-pages 2]

Every figure is a ratio to a baseline measured in the same run, in turns (one round runs each
scenario once; min/median/max over the rounds), because absolute times on a shared machine are
noise. The baselines:
  - `dbreport extract` of the base commit (today's: ingest + extract + check + store, uncached);
  - the base commit's cold `dbreport build`, checked out with `git archive` into a temp folder and
    run with this virtualenv, for the "cold build >= 3x faster" comparison;
  - Chromium printing the same 4-page brief HTML (`--print-to-pdf`, one process per brief), when
    `chromium` is installed, against WeasyPrint laying out and writing it in a warm process.
Each project is a copy in a temp folder (seeds, templates, locale, src) with its own state folder;
peak RSS is that of the largest process of a run (os.wait4). A third copy has a scanned PDF among
its seeds (the half-year report's first pages, rasterised as tests/readers does): its no-op rebuild
shows whether OCR runs again.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHANGED_SEED = "000_8da924b9fbc9c069.txt"
HALF_YEAR = "003_ef69970aeb95dbad.txt"  # a news item of 2024: briefs 2024, 2026-01-2026-02 (what changed), meeting
STAGE_SCRIPT = r"""
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from dbreport import charts, check, ingest, render, store
from dbreport.compose import compose_brief, indicators, observation_frame, plan_briefs
from dbreport.extract import extract_document
from dbreport.project import Project
times = {"import (render, charts, compose)": time.perf_counter() - t0}
def timed(name, fn, *args):
    t = time.perf_counter(); out = fn(*args); times[name] = times.get(name, 0) + time.perf_counter() - t; return out
project = Project.at(".", None, sys.argv[1])
docs, _ = timed("ingest", ingest.read_seeds, project.seeds)
obs = [o for d in docs for o in timed("extract", extract_document, d)]
findings = timed("check", check.find_problems, obs, docs)
timed("store", store.write_observations, project.data_dir, obs, findings)
real_svg = charts.render_svg
charts.render_svg = lambda *a: timed("charts (matplotlib)", real_svg, *a)
catalogue = indicators()
frame = timed("compose", observation_frame, obs, docs)  # once per build, as the build does
pdf_html = {}
for lang in ("vi", "en"):
    r = render.Renderer.for_lang(project, lang)
    for plan in plan_briefs(docs):
        view = timed("compose", lambda: compose_brief(plan, lang, r.fmt, docs, obs, findings, catalogue, frame=frame))
        html = timed("html (jinja, charts)", r.html, view, "pdf")
        laid = timed("layout (WeasyPrint)", r.layout, html)
        timed("write_pdf (WeasyPrint)", r.pdf, laid, view)
        timed("html page (jinja)", r.html, view, "html")
        pdf_html[(lang, plan.brief_id, len(laid.pages))] = (html, view)
times["charts (matplotlib)"] = times.get("charts (matplotlib)", 0)
times["html (jinja, charts)"] -= times["charts (matplotlib)"]
biggest = max(pdf_html, key=lambda k: (k[2], len(pdf_html[k][0])))
html, view = pdf_html[biggest]
r = render.Renderer.for_lang(project, biggest[0])
warm = []
for _ in range(3):
    t = time.perf_counter(); r.pdf(r.layout(html), view); warm.append(time.perf_counter() - t)
Path(sys.argv[1], "biggest.html").write_text(html, "utf-8")
print(json.dumps({"stages": times, "warm_pdf": min(warm), "brief": "/".join(map(str, biggest))}))
"""


def run(cmd: list[str], cwd: Path, env: dict) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (MB, largest process) and CPU seconds (the process and the workers it
    waited for) of one command; a failure stops the benchmark."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{out.decode()}\n{err.decode()}")
    return elapsed, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


class Project:
    """A copy of a project (code, seeds, templates, catalogs) run with this virtualenv's Python."""

    def __init__(self, root: Path):
        self.root = root
        self.env = {**os.environ, "PYTHONPATH": str(root / "src")}
        subprocess.run([Path(sys.executable).with_name("pybabel"), "-q", "compile", "-d", "locale", "-D", "dbreport"],
                       cwd=root, check=True)
        subprocess.run([sys.executable, "-m", "compileall", "-q", "src"], cwd=root, check=True)  # no run pays for it
        check = subprocess.run([sys.executable, "-c", "import dbreport; print(dbreport.__file__)"], cwd=root,
                               env=self.env, capture_output=True, text=True, check=True).stdout
        assert check.startswith(str(root)), f"{root}: imports dbreport from {check}"

    def dbreport(self, *args: str) -> tuple[float, int, float]:
        return run([sys.executable, "-m", "dbreport", *args], self.root, self.env)

    def clean(self) -> None:
        shutil.rmtree(self.root / "build", ignore_errors=True)
        shutil.rmtree(self.root / ".state", ignore_errors=True)


def copy_of_worktree(into: Path) -> Path:
    for part in ("src", "seeds", "templates", "locale", "pyproject.toml"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, into / part)
    return into


def copy_of_commit(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def add_scanned_seed(seeds: Path, pages: int) -> None:
    """The half-year report's first `pages` pages as an image-only PDF, beside the text seeds."""
    sys.path.insert(0, str(ROOT / "tests" / "readers"))
    import reader_twins as twins

    from dbreport.ingest import read_document

    pdf = twins.pdf_twin(read_document(seeds / HALF_YEAR))
    (seeds / f"{Path(HALF_YEAR).stem}-scan.pdf").write_bytes(twins.scanned_twin(pdf, pages))


def shown_figure_changed(out: Path, original: bytes) -> bytes:
    """CHANGED_SEED with the first figure a brief shows from it one higher: its briefs must be laid out again."""
    claims = [json.loads(line) for line in (out / "data" / "claims.jsonl").read_text("utf-8").splitlines()]
    figure = next(f for c in claims for f in c["figures"] if f["source"] == CHANGED_SEED)
    lines = original.decode("utf-8").split("\n")
    quote = figure["quote"]
    digits = next(k for k, ch in enumerate(quote) if ch.isdigit())
    bumped = quote[:digits] + str(int(quote[digits]) % 9 + 1) + quote[digits + 1:]
    lines[figure["line"] - 1] = lines[figure["line"] - 1].replace(quote, bumped, 1)
    return "\n".join(lines).encode("utf-8")


def chromium_print(html: Path, rounds: int) -> float | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        return None
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={html.with_suffix('.chromium.pdf')}", html.as_uri()],
                       check=True, capture_output=True, timeout=120)
        times.append(time.perf_counter() - t)
    return min(times)


def spread(values: list[float]) -> str:
    return f"{min(values):6.2f} {statistics.median(values):6.2f} {max(values):6.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--base", default="4c306a8", help="the commit to compare with (default: the one before issue 13)")
    ap.add_argument("--jobs", default=None, help="--jobs for this version's build [default: one per core]")
    ap.add_argument("--scan-pages", type=int, default=2, help="pages of the scanned seed (0: no scanned-seed project)")
    args = ap.parse_args()
    jobs = ["--jobs", args.jobs] if args.jobs else []
    with tempfile.TemporaryDirectory(prefix="dbreport-bench-") as tmp:
        ours = Project(copy_of_worktree(Path(tmp, "ours")))
        (Path(tmp) / "base").mkdir()
        base = Project(copy_of_commit(args.base, Path(tmp, "base")))
        scanned = None
        if args.scan_pages:
            scanned = Project(copy_of_worktree(Path(tmp, "scanned")))
            add_scanned_seed(scanned.root / "seeds", args.scan_pages)
            t_scan = scanned.dbreport("build", *jobs)
            print(f"scanned-seed project: cold build {t_scan[0]:.1f} s (OCR of {args.scan_pages} pages)", file=sys.stderr)
        seed = ours.root / "seeds" / CHANGED_SEED
        original = seed.read_bytes()
        t: dict[str, list[float]] = {}
        rss: dict[str, int] = {}
        cpu: dict[str, list[float]] = {}
        stages: list[dict] = []

        def record(name: str, measured: tuple[float, int, float]) -> None:
            t.setdefault(name, []).append(measured[0])
            rss[name] = max(rss.get(name, 0), measured[1])
            cpu.setdefault(name, []).append(measured[2])

        for k in range(args.rounds):
            print(f"round {k + 1}/{args.rounds}", file=sys.stderr)
            base.clean()
            record("base: dbreport extract", base.dbreport("extract"))
            record("base: cold build", base.dbreport("build"))
            ours.clean()
            record("ours: cold build", ours.dbreport("build", *jobs))
            record("ours: no-op rebuild", ours.dbreport("build", *jobs))
            record("ours: dbreport extract (cached)", ours.dbreport("extract"))
            if scanned:
                record("ours: no-op rebuild, scanned seed", scanned.dbreport("build", *jobs))
            seed.write_bytes(original + f"\nNăm 2024, toàn tỉnh có thêm {1000 + k} hộ thoát nghèo.\n".encode())
            record("ours: one seed changed", ours.dbreport("build", *jobs))
            seed.write_bytes(shown_figure_changed(ours.root / "build", original))
            record("ours: one seed changed, a shown figure", ours.dbreport("build", *jobs))
            seed.write_bytes(original)
            record("base: deliveries --help", base.dbreport("deliveries", "--help"))
            record("ours: deliveries --help", ours.dbreport("deliveries", "--help"))
            record("python startup", run([sys.executable, "-c", "pass"], ours.root, ours.env))
            out = Path(tmp, f"stages-{k}")
            stage = subprocess.run([sys.executable, "-c", STAGE_SCRIPT, str(out)], cwd=ours.root, env=ours.env,
                                   capture_output=True, text=True)
            if stage.returncode != 0:
                raise SystemExit(f"the per-stage run failed:\n{stage.stderr}")
            stages.append(json.loads(stage.stdout.splitlines()[-1]))
        chromium = chromium_print(Path(tmp, "stages-0", "biggest.html"), args.rounds)

    extract = statistics.median(t["base: dbreport extract"])
    print(f"\n{'scenario (wall seconds)':34} {'min':>6} {'median':>6} {'max':>6}  x extract  peak RSS  CPU s  ({args.rounds} rounds)")
    for name, values in t.items():
        print(f"{name:34} {spread(values)}  {statistics.median(values) / extract:8.2f}  {rss[name]:5d} MB"
              f"  {statistics.median(cpu[name]):5.2f}")
    med = {name: statistics.median(values) for name, values in t.items()}
    print("\nratios (medians):")
    print(f"  cold build, base / ours:                 {med['base: cold build'] / med['ours: cold build']:.2f}x faster"
          f"   (issue: >= 3)")
    cold_cpu = statistics.median(cpu["base: cold build"]) / statistics.median(cpu["ours: cold build"])
    print(f"  cold build CPU time, base / ours:        {cold_cpu:.2f}x less   (the wall ratio can reach this times"
          " the cores that are free)")
    print(f"  no-op rebuild / base extract:            {med['ours: no-op rebuild'] / extract:.2f}   (issue: <= 1.5)")
    if scanned:
        print(f"  no-op rebuild with a scanned seed / base extract: {med['ours: no-op rebuild, scanned seed'] / extract:.2f}"
              "   (no OCR when it is near the line above)")
    print(f"  one seed changed / ours cold build:      {med['ours: one seed changed'] / med['ours: cold build']:.2f}"
          f"   (issue: <= 0.5; a figure no brief shows)")
    print(f"  one seed changed, a shown figure / cold: {med['ours: one seed changed, a shown figure'] / med['ours: cold build']:.2f}"
          f"   (its briefs are laid out again)")
    print(f"  deliveries --help: ours {med['ours: deliveries --help']:.2f} s, base {med['base: deliveries --help']:.2f} s,"
          f" python startup {med['python startup']:.2f} s   (issue: <= 0.3 s)")
    warm = statistics.median(s["warm_pdf"] for s in stages)
    if chromium is None:
        print(f"  4-page brief PDF, warm WeasyPrint: {warm:.2f} s (chromium not installed: no ratio)")
    else:
        print(f"  4-page brief PDF ({stages[0]['brief']}), warm WeasyPrint / Chromium: {warm / chromium:.2f}"
              f"   ({warm:.2f} s vs {chromium:.2f} s; issue: <= 1.0)")
    total = statistics.median(sum(s["stages"].values()) for s in stages)
    print(f"\nper stage, one process, serial (median of {args.rounds}; share of {total:.1f} s):")
    for name in stages[0]["stages"]:
        values = [s["stages"][name] for s in stages]
        print(f"  {name:34} {spread(values)}  {statistics.median(values) / total:6.1%}")


if __name__ == "__main__":
    main()
