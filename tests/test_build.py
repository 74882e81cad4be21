"""End to end: every brief built from the real seeds/, then read back as a user would."""
import html as html_lib
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from dbreport.build import build
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
    for name in ("index.html", "manifest.json", "data/observations.jsonl", "data/observations.csv"):
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
