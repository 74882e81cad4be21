"""End to end: every brief built from the real seeds/, then read back as a user would."""
import dataclasses
import html as html_lib
import json
import os
import re
import shutil
import stat
import subprocess
import unicodedata
from pathlib import Path

import pytest

from dbreport.build import CLAIMS, build
from dbreport.project import Project
from dbreport.store import FIELDS
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]

PERIOD_BRIEFS = ["2018", "2024", "2024-H1", "2021-2025", "2026-01-2026-02"]


@pytest.fixture(scope="module")
def built(tmp_path_factory, seeds_dir):
    out = tmp_path_factory.mktemp("build")
    project = Project.at(seeds_dir.parent, seeds=seeds_dir, out=out)
    return out, build(project)


def pdf_text(path):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return unicodedata.normalize("NFC", text)


def test_every_expected_file_exists(built):
    out, report = built
    assert len(report.documents) == 5 and not report.errors
    for brief in PERIOD_BRIEFS + ["meeting"]:
        for lang in ("vi", "en"):
            for ext in ("html", "pdf"):
                path = out / lang / f"{brief}.{ext}"
                assert path.stat().st_size > 5000, path
    for name in ("index.html", "manifest.json", "data/observations.jsonl", "data/observations.csv", "data/findings.jsonl"):
        assert (out / name).stat().st_size > 500
    assert not list(out.rglob("*.tmp")), "a temporary file was left behind"


@pytest.mark.parametrize(
    ("lang", "figures"),
    [("vi", ["7.155,29", "8,75%"]), ("en", ["7,155.29", "8.75%"])],
)
def test_h1_brief_states_grdp_in_the_reader_s_format(built, lang, figures):
    out, _ = built
    text = pdf_text(out / lang / "2024-H1.pdf")
    for figure in figures:
        assert figure in text


def test_observations_follow_the_contract(built):
    out, report = built
    rows = [json.loads(line) for line in (out / "data" / "observations.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(report.observations) > 1000
    for row in rows:
        assert set(FIELDS) <= row.keys()
        assert isinstance(row["value"], (int, float)) and isinstance(row["line"], int) and isinstance(row["flags"], list)
    grdp = next(r for r in rows if r["indicator"] == "grdp" and r["period"] == "2024-H1" and r["kind"] == "estimate")
    assert (grdp["value"], grdp["unit"], grdp["line"], grdp["quote"]) == (7155.29, "VND_bn", 54, "7.155,29 tỷ đồng")


def test_manifest_lists_every_brief_with_digests(built):
    out, report = built
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    ids = {(b["id"], b["lang"]) for b in manifest["briefs"]}
    assert ids == {(b, lang) for b in PERIOD_BRIEFS + ["meeting"] for lang in ("vi", "en")}
    assert all(len(b["files"]["pdf"]["sha256"]) == 64 for b in manifest["briefs"])


def test_every_character_has_a_glyph_in_the_embedded_font(built):
    """No fallback font and no .notdef box: every character the briefs print is in Noto Sans,
    and the PDFs embed Noto Sans only (a missing glyph would pull in a system font)."""
    out, _ = built
    font_files = sorted((ROOT / "templates" / "fonts").glob("NotoSans-*.ttf"))
    covered = set.intersection(*({chr(c) for c in TTFont(f).getBestCmap()} for f in font_files))
    for page in sorted(out.glob("*/*.html")):
        text = html_lib.unescape(re.sub(r"<style.*?</style>|<[^>]+>", " ", page.read_text(encoding="utf-8"), flags=re.S))
        missing = {ch for ch in text if not ch.isspace()} - covered
        assert not missing, f"{page.name}: no glyph for {sorted(missing)}"
    for pdf in sorted(out.glob("*/*.pdf")):
        listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
        names = [line.split()[0] for line in listing.splitlines()[2:]]
        assert names and all("Noto-Sans" in name for name in names), f"{pdf.name}: {names}"
        assert all(line.split()[-5] == "yes" for line in listing.splitlines()[2:])  # emb column


# --- only what changed, on every core, one run at a time, never two runs mixed ----------------------
NEWS = ["000_8da924b9fbc9c069.txt", "001_6818a40c6c370b4f.txt", "002_e5c3b20fb8a60370.txt"]  # periods 2024, 2018, 2026-01/02


@pytest.fixture
def small(tmp_path, seeds_dir):
    """A project of three short news documents (briefs 2018, 2024, 2026-01-2026-02, meeting) with
    its own state folder; the repository's templates and catalogs."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in NEWS:
        shutil.copy(seeds_dir / name, seeds / name)
    return Project(ROOT, seeds, tmp_path / "out", tmp_path / "state")


def files_of(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def brief_files(out: Path) -> dict[str, tuple[int, int]]:
    """Each page's inode and mtime (briefs, source pages): a file written again gets a new inode
    (write, then rename). The observations export is written on every run."""
    pages = [p for p in sorted(out.glob("*/*")) if p.suffix in (".html", ".pdf")]
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in pages}


def test_a_parallel_build_writes_the_bytes_of_a_serial_one(small, tmp_path):
    serial = build(small, jobs=1)
    parallel = build(dataclasses.replace(small, out=tmp_path / "out2", state=tmp_path / "state2"), jobs=3)
    assert len(serial.rendered) == len(parallel.rendered) == 8
    one, other = files_of(small.out), files_of(tmp_path / "out2")
    assert sorted(one) == sorted(other) and len(one) == 8 * 2 + 3 + 6  # briefs, sources, index, manifest, data x4
    assert [name for name in one if one[name] != other[name]] == []


def test_a_second_build_with_nothing_changed_renders_and_rewrites_nothing(small, monkeypatch):
    first = build(small, jobs=1)
    before, manifest = brief_files(small.out), (small.out / "manifest.json").read_bytes()
    import dbreport.build as build_mod
    import dbreport.readers as readers

    monkeypatch.setattr(readers, "reader_for", lambda fmt: pytest.fail(f"a {fmt} file was read again"))
    monkeypatch.setattr(build_mod, "extract_document", lambda doc: pytest.fail(f"{doc.source} was read again"))
    monkeypatch.setattr(build_mod, "render_language_brief", lambda job: pytest.fail(f"{job.name} was rendered again"))
    second = build(small, jobs=1)
    assert second.rendered == [] and len(second.briefs) == len(first.briefs) == 8
    assert brief_files(small.out) == before
    assert (small.out / "manifest.json").read_bytes() == manifest


def test_a_build_with_nothing_to_render_starts_no_process(small, monkeypatch):
    import dbreport.build as build_mod

    build(small, jobs=2)
    monkeypatch.setattr(build_mod, "ProcessPoolExecutor", lambda *a, **k: pytest.fail("a pool was started"))
    assert build(small, jobs=2).rendered == []


def test_a_changed_seed_that_changes_no_brief_s_page_lays_out_none_again(small, tmp_path, monkeypatch):
    """The 2024, 2026-01-2026-02 (what changed since 2024) and meeting briefs read the document and
    are composed again; a figure none of them shows leaves their views, hence their files, as they were."""
    import dbreport.build as build_mod

    build(small, jobs=1)
    before = brief_files(small.out)
    with (small.seeds / NEWS[0]).open("a", encoding="utf-8") as fh:
        fh.write("\nNăm 2024, toàn tỉnh có thêm 1.234 hộ thoát nghèo.\n")
    monkeypatch.setattr(build_mod, "render_language_brief", lambda job: pytest.fail(f"{job.name} was laid out again"))
    report = build(small, jobs=2)
    assert report.rendered == []
    assert "1.234" in (small.out / "data" / "observations.jsonl").read_text("utf-8")
    after = brief_files(small.out)
    assert {k for k in after if after[k] != before[k]} == {f"sources/{NEWS[0]}.html"}
    monkeypatch.undo()
    cold = dataclasses.replace(small, out=tmp_path / "cold", state=tmp_path / "cold-state")
    build(cold, jobs=2)
    assert files_of(small.out) == files_of(cold.out)  # claims, index, manifest: as if made from scratch


def test_a_changed_figure_re_renders_the_briefs_that_show_it_and_no_other(small, tmp_path):
    build(small, jobs=1)
    before = brief_files(small.out)
    claims = [json.loads(line) for line in (small.out / CLAIMS).read_text("utf-8").splitlines()]
    figure = next(f for c in claims for f in c["figures"] if f["source"] == NEWS[0])
    seed = small.seeds / NEWS[0]
    lines = seed.read_text("utf-8").split("\n")
    digits = re.search(r"\d+", figure["quote"])
    changed_quote = figure["quote"][:digits.start()] + str(int(digits[0]) + 1) + figure["quote"][digits.end():]
    assert figure["quote"] in lines[figure["line"] - 1]
    lines[figure["line"] - 1] = lines[figure["line"] - 1].replace(figure["quote"], changed_quote, 1)
    seed.write_text("\n".join(lines), "utf-8")
    report = build(small, jobs=2)
    showing = {f"{c['lang']}/{c['brief']}" for c in claims if figure in c["figures"]}
    assert showing and showing <= set(report.rendered)
    assert not {"vi/2018", "en/2018"} & set(report.rendered)  # they do not read the document
    after = brief_files(small.out)
    assert {k for k in after if after[k] != before[k]} == {f"{name}.{ext}" for name in report.rendered
                                                           for ext in ("html", "pdf")} | {f"sources/{NEWS[0]}.html"}
    cold = dataclasses.replace(small, out=tmp_path / "cold", state=tmp_path / "cold-state")
    build(cold, jobs=2)
    assert files_of(small.out) == files_of(cold.out)


def test_a_brief_reads_nothing_beyond_the_documents_its_key_covers(seed_documents):
    """The key of a period brief covers its documents, the previous period's and those its
    findings cite: emptying every other document's figures and text leaves its view unchanged."""
    from dbreport import check
    from dbreport.build import BuildReport, language_briefs
    from dbreport.compose import compose_brief, indicators
    from dbreport.extract import extract_document
    from dbreport.formatting import Formatter
    from dbreport.render import load_translations

    docs = list(seed_documents.values())
    observations = [o for d in docs for o in extract_document(d)]
    findings = check.find_problems(observations, docs)
    catalogue, fmt = indicators(), Formatter("en", load_translations(ROOT / "locale", "en"))
    for job in language_briefs(BuildReport(docs, [], observations, findings), ("en",), ("pdf",), "look"):
        if job.plan.kind == "meeting":
            continue
        blanked = [d if d.source in job.reads else dataclasses.replace(d, lines=[""] * len(d.lines), title="x")
                   for d in docs]
        kept = [o for o in observations if o.source in job.reads]
        kept_findings = [f for f in findings if any(r.source in job.reads for r in f.refs)]
        assert set(job.reads) < {d.source for d in docs}
        assert (compose_brief(job.plan, "en", fmt, blanked, kept, kept_findings, catalogue)
                == compose_brief(job.plan, "en", fmt, docs, observations, findings, catalogue)), job.name


def test_a_build_holds_a_lock_on_its_output_folder(small):
    from dbreport.build import output_lock
    from dbreport.deliver.lock import AlreadyRunning

    with output_lock(small.out, "test", None):
        with pytest.raises(AlreadyRunning, match=r"`test`"):
            build(small, jobs=1)
    assert not small.out.exists()


def test_readers_see_the_previous_run_until_the_new_one_is_complete(small, monkeypatch):
    import dbreport.build as build_mod

    build(small, jobs=1)
    old = files_of(small.out)
    (small.out / "outbox").mkdir()
    (small.out / "outbox" / "1.eml").write_text("kept", encoding="utf-8")
    shutil.copy(small.seeds / NEWS[0], small.seeds / "005_copy.txt")
    seen = []
    real = build_mod.write_pages

    def look_then_write(*args):
        seen.append(files_of(small.out))
        return real(*args)

    monkeypatch.setattr(build_mod, "write_pages", look_then_write)
    build(small, jobs=1)
    assert seen == [{**old, "outbox/1.eml": b"kept"}]  # mid-run, the folder is the previous run's, whole
    new = files_of(small.out)
    assert "005_copy" in new["data/observations.jsonl"].decode() and new["outbox/1.eml"] == b"kept"
    assert not list(small.out.parent.glob(f".{small.out.name}.staging-*"))


def test_a_failed_build_leaves_the_previous_one_in_place(small, monkeypatch):
    import dbreport.build as build_mod

    build(small, jobs=1)
    old = files_of(small.out)
    (small.seeds / NEWS[0]).write_text("Năm 2024, có 12 xã đạt chuẩn nông thôn mới.\n", encoding="utf-8")
    monkeypatch.setattr(build_mod, "render_language_brief", lambda job: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        build(small, jobs=1)
    assert files_of(small.out) == old
    assert not list(small.out.parent.glob(f".{small.out.name}.staging-*"))


def test_built_files_and_folders_get_the_umask_s_modes(small):
    old = os.umask(0o022)
    try:
        build(small, jobs=2, formats=("html",))
    finally:
        os.umask(old)
    modes = {stat.S_IMODE(p.stat().st_mode) for p in small.out.rglob("*") if p.is_file()}
    folders = {stat.S_IMODE(p.stat().st_mode) for p in [small.out, *small.out.rglob("*")] if p.is_dir()}
    assert (modes, folders) == ({0o644}, {0o755})


def test_a_brief_file_changed_since_the_build_is_made_again(small):
    build(small, jobs=1)
    good = (small.out / "vi" / "2018.pdf").read_bytes()
    (small.out / "vi" / "2018.pdf").write_bytes(b"%PDF-1.7 edited by hand")
    report = build(small, jobs=1)
    assert report.rendered == ["vi/2018"]
    assert (small.out / "vi" / "2018.pdf").read_bytes() == good
