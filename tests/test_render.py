"""Real briefs rendered with WeasyPrint and read back with poppler (pdftotext, pdffonts, pdfinfo,
pdfdetach): what a reader and an archivist would check, in both languages."""
from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_compose import CATALOGUE, H1, sample_documents, sample_findings, sample_observations  # noqa: E402

from dbreport import render  # noqa: E402
from dbreport.formatting import glossary  # noqa: E402
from dbreport.model import Observation  # noqa: E402
from dbreport.project import Project  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BRIEFS = ["2024-H1", "2021-2025", "2026-01-2026-02", "meeting"]
LANGS = ["vi", "en"]


def tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_text(path: Path) -> str:
    return unicodedata.normalize("NFC", tool("pdftotext", "-enc", "UTF-8", str(path), "-"))


def build(out: Path):
    project = Project.at(ROOT, out=out)
    docs = sample_documents()
    briefs = render.render_briefs(project, docs, sample_observations(docs), sample_findings(), tuple(LANGS),
                                  ("html", "pdf"), catalogue=CATALOGUE)
    render.render_index(project, briefs, docs)
    return briefs


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    return out, build(out)


def translations(lang):
    return render.load_translations(ROOT / "locale", lang)


def test_every_expected_file_exists(built):
    out, briefs = built
    for b in BRIEFS:
        for lang in LANGS:
            for ext in ("html", "pdf"):
                assert (out / lang / f"{b}.{ext}").stat().st_size > 1000
    assert (out / "index.html").exists() and (out / "sources" / f"{H1}.html").exists()
    assert {(b.brief_id, b.lang) for b in briefs} == {(b, lang) for b in BRIEFS for lang in LANGS}


@pytest.mark.parametrize("brief", BRIEFS)
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_has_every_section_heading_and_page_numbers(built, brief, lang):
    text = pdf_text(built[0] / lang / f"{brief}.pdf")
    t = translations(lang)
    # sections without figures are left out, never said to have none
    assert t.gettext("The source documents give no figures for this topic.") not in text
    pages = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(built[0] / lang / f"{brief}.pdf")))[1])
    assert 1 <= pages <= 4
    marker = f"Trang 1/{pages}" if lang == "vi" else f"Page 1 of {pages}"
    assert marker in text


@pytest.mark.parametrize("lang, figures", [
    ("vi", ["7.155,29 tỷ đồng", "+8,75%", "8,75%", "xếp thứ 3/14 tỉnh", "16,47%"]),
    ("en", ["VND 7,155.29 billion", "+8.75%", "8.75%", "ranking 3rd of 14 provinces", "16.47%"]),
])
def test_key_figures_formatted_per_locale(built, lang, figures):
    text = pdf_text(built[0] / lang / "2024-H1.pdf").replace("\n", " ")
    for f in figures:
        assert f in text
    other = "7,155.29" if lang == "vi" else "7.155,29 tỷ"
    assert other not in text.split("Chú thích nguồn" if lang == "vi" else "Source notes")[0]


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_has_a_numbered_source_note(built, lang):
    text = pdf_text(built[0] / lang / "2024-H1.pdf")
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    word = "dòng" if lang == "vi" else "line"
    notes = {int(n) for n in re.findall(rf"\[(\d+)\]\s+\S+\.txt,\s+{word}\s+\d+", text)}
    assert cited and cited == notes
    assert f"{H1}, {word} 54: “7.155,29 tỷ đồng”" in text


@pytest.mark.parametrize("brief", BRIEFS)
@pytest.mark.parametrize("lang", LANGS)
def test_fonts_embedded_metadata_tagged_and_csv_attached(built, brief, lang):
    path = built[0] / lang / f"{brief}.pdf"
    fonts = tool("pdffonts", str(path)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    assert all("Noto-Sans" in line for line in fonts)
    info = tool("pdfinfo", str(path))
    assert "Tagged:          yes" in info and "Page size:       595.276 x 841.89 pts (A4)" in info
    assert re.search(r"Title:\s+\S", info) and "(dbreport)" in info
    assert tool("pdfdetach", "-list", str(path)).splitlines() == [
        "1 embedded files", f"1: {brief}-{lang}-observations.csv"]


def test_attached_csv_holds_the_figures(built, tmp_path):
    target = tmp_path / "obs.csv"
    tool("pdfdetach", "-save", "1", "-o", str(target), str(built[0] / "en" / "2024-H1.pdf"))
    rows = target.read_text("utf-8").splitlines()
    assert rows[0].startswith("source,line,quote,value,unit,period,kind,indicator")
    assert f"{H1},54,\"7.155,29 tỷ đồng\",7155.29,VND_bn,2024-H1,estimate,grdp" in rows[1]


def test_rebuild_gives_identical_bytes(built, tmp_path):
    build(tmp_path)
    for lang in LANGS:
        for b in BRIEFS:
            for ext in ("pdf", "html"):
                assert (tmp_path / lang / f"{b}.{ext}").read_bytes() == (built[0] / lang / f"{b}.{ext}").read_bytes(), (lang, b, ext)


VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
                         "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ")


@pytest.mark.parametrize("brief", BRIEFS)
def test_english_brief_has_no_vietnamese_outside_names_and_quotes(built, brief):
    text = " ".join(pdf_text(built[0] / "en" / f"{brief}.pdf").split())
    allowed = glossary()["english_allow"]["names"] + [d.title for d in sample_documents()]
    for quote in re.findall(r"“[^”]*”", text):
        text = text.replace(quote, " ")
    for name in sorted(allowed, key=len, reverse=True):
        text = text.replace(" ".join(name.split()), " ")
    words = [w for w in text.split() if set(w) & VIETNAMESE_LETTERS]
    assert not words, words


@pytest.mark.parametrize("brief", BRIEFS)
@pytest.mark.parametrize("lang", LANGS)
def test_html_is_self_contained_and_links_other_language(built, brief, lang):
    html = (built[0] / lang / f"{brief}.html").read_text("utf-8")
    other = "en" if lang == "vi" else "vi"
    assert f'<html lang="{lang}">' in html and f'href="../{other}/{brief}.html"' in html
    assert "<style>" in html and "<link rel=\"stylesheet\"" not in html
    assert not re.search(r'(src|href)="(https?:|//|file:)', html)
    assert ('<th scope="col">' in html) == ('<table' in html) and ('<table' in html) == (brief in ("2021-2025", "meeting"))
    # the sample catalogue names nothing of the Jan–Feb 2026 article: its brief is its header alone, with
    # no "no figures" or "no problems" line (a claim about the sources a brief cannot make)
    assert re.search(r"<h1>.+</h1>", html) and html.count("<h2") >= (0 if brief == "2026-01-2026-02" else 3)
    if brief == "2024-H1":
        assert f'href="../sources/{H1}.html#L54"' in html


def test_source_page_anchors_lines_and_marks_quotes(built):
    page = (built[0] / "sources" / f"{H1}.html").read_text("utf-8")
    assert '<li id="L54" value="54">' in page and "<mark>7.155,29 tỷ đồng</mark>" in page


def test_index_links_every_brief(built):
    index = (built[0] / "index.html").read_text("utf-8")
    for b in BRIEFS:
        for lang in LANGS:
            assert f'href="{lang}/{b}.pdf"' in index and f'href="{lang}/{b}.html"' in index


# --- security --------------------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["file:///etc/hostname", "http://169.254.169.254/latest", "https://example.com/x.css",
                                 f"file://{ROOT}/templates/../pyproject.toml", "ftp://example.com/a"])
def test_fetcher_refuses_anything_outside_templates(url):
    with pytest.raises(ValueError):
        render.template_fetcher(ROOT / "templates").fetch(url)


def test_fetcher_serves_vendored_fonts():
    response = render.template_fetcher(ROOT / "templates").fetch(f"file://{ROOT}/templates/fonts/NotoSans-Regular.ttf")
    assert response.read(4) == b"\x00\x01\x00\x00"


HOSTILE = ('<link rel="attachment" href="file:///etc/hostname"><img src="http://127.0.0.1:9/x.png">'
           '<link rel="stylesheet" href="file:///etc/hostname">')


def test_document_text_naming_urls_is_not_fetched_or_embedded(tmp_path):
    """Hostile text in a quote reaches the PDF as text, and nothing it names is fetched."""
    docs = sample_documents()
    obs = sample_observations(docs)
    obs[0] = Observation(**{**obs[0].__dict__, "quote": HOSTILE + "7.155,29 tỷ đồng"})
    project = Project.at(ROOT, out=tmp_path)
    render.render_briefs(project, docs, obs, [], ("en",), ("pdf",), catalogue=CATALOGUE)
    pdf = tmp_path / "en" / "2024-H1.pdf"
    assert tool("pdfdetach", "-list", str(pdf)).splitlines()[0] == "1 embedded files"
    assert "file:///etc/hostname" in pdf_text(pdf).replace("\n", "")


def test_raw_html_naming_local_files_still_embeds_nothing(tmp_path):
    """Even unescaped markup (a template bug) cannot make the renderer read files outside templates/."""
    r = render.Renderer.for_lang(Project.at(ROOT, out=tmp_path), "en")
    docs = sample_documents()
    from test_compose import compose
    view = compose((docs, sample_observations(docs), []), "2024-H1", "en")
    html = r.html(view, "pdf").replace("<main>", "<main>" + HOSTILE)
    pdf = r.pdf(html, view)
    hostname = Path("/etc/hostname").read_bytes().strip() if Path("/etc/hostname").exists() else b"\x00none"
    assert len(hostname) < 6 or hostname not in pdf  # a 2-byte name ("vm") turns up in compressed bytes by chance
    target = tmp_path / "x.pdf"
    target.write_bytes(pdf)
    assert tool("pdfdetach", "-list", str(target)).splitlines()[0] == "1 embedded files"


# --- the real seeds, through the real extraction engine ------------------------------------------
@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """Every brief from seeds/, through ingest, the extraction engine, check and the real catalogue."""
    from dbreport import check, ingest
    from dbreport.extract import extract_all
    docs, errors = ingest.read_seeds(ROOT / "seeds")
    assert docs and not errors, errors
    obs = extract_all(docs)
    findings = check.find_problems(obs, docs)
    out = tmp_path_factory.mktemp("real")
    briefs = render.render_briefs(Project.at(ROOT, out=out), docs, obs, findings, tuple(LANGS), ("html", "pdf"))
    return out, briefs, docs


def test_real_briefs_fit_four_pages_with_embedded_fonts(real):
    out, briefs, _docs = real
    pdfs = [f for b in briefs for f in b.files if f.suffix == ".pdf"]
    assert len(pdfs) == len(briefs) >= 4
    for pdf in pdfs:
        assert int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(pdf)))[1]) <= 4, pdf
        assert all(line.split()[-5] == "yes" for line in tool("pdffonts", str(pdf)).splitlines()[2:]), pdf


@pytest.mark.parametrize("lang, figures", [("vi", ["7.155,29", "8,75%"]), ("en", ["7,155.29", "8.75%"])])
def test_real_half_year_brief_reads_back_per_locale(real, lang, figures):
    text = pdf_text(real[0] / lang / "2024-H1.pdf")
    assert all(f in text for f in figures)


def test_real_headlines_are_sentences_in_their_language(real):
    for b in real[1]:
        assert len(b.headlines) <= 5 and all(h.endswith(".") for h in b.headlines)
        if b.kind == "meeting" or b.brief_id == "2024-H1":
            assert len(b.headlines) >= 3, (b.brief_id, b.lang)


def test_real_english_briefs_have_no_vietnamese_outside_names_and_quotes(real):
    names = glossary()["english_allow"]["names"]
    for pdf in sorted((real[0] / "en").glob("*.pdf")):
        text = " ".join(pdf_text(pdf).split())
        for quote in re.findall(r"“[^”]*”", text):
            text = text.replace(quote, " ")
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, " ")
        assert not [w for w in text.split() if set(w) & VIETNAMESE_LETTERS], pdf.name


@pytest.mark.parametrize("lang, brief, dateline, not_there", [
    ("en", "2024-H1", "Period: First half of 2024", "Figures as of"),  # the report states no date: none is printed
    ("vi", "2024-H1", "6 tháng đầu năm 2024", "Số liệu tính đến"),
    ("en", "2026-01-2026-02", "Issued: 8 March 2026", "Figures as of"),  # the article's event day
    ("vi", "2026-01-2026-02", "Ban hành: ngày 8/3/2026", "Số liệu tính đến"),
    ("en", "meeting", "Figures as of 28 February 2026", "Issued"),  # the end of its newest figures' period
])
def test_real_briefs_show_an_issue_date_only_where_the_document_states_one(real, lang, brief, dateline, not_there):
    docs = {d.source: d for d in real[2]}
    assert docs["003_ef69970aeb95dbad.txt"].issued is None and docs["002_e5c3b20fb8a60370.txt"].issued
    first_lines = " ".join(pdf_text(real[0] / lang / f"{brief}.pdf").split()[:60])
    assert dateline in first_lines and not_there not in first_lines


@pytest.mark.parametrize("lang, unfair", [
    ("en", r"Poor households: from [^()]+ households \(2018\)"),
    ("vi", r"Số hộ nghèo: từ [^()]+ hộ \(2018\)"),
])
def test_real_changes_never_set_a_year_beside_a_date(real, lang, unfair):
    """Issue 10 item 4: 2018's poor households (a year, the old standard) are no base for a count
    at 30 June 2024."""
    assert not re.search(unfair, " ".join(pdf_text(real[0] / lang / "2024-H1.pdf").split()))
