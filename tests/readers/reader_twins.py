"""Real files made from a seed's text, for the readers' tests and benchmark: the same report as a
PDF with a text layer (footnotes set small at the page foot, a running header, page numbers), as
an image-only PDF (its pages rasterised), as a Word file with a table, as a web page with
navigation and captions around the article, and as text in the encodings offices save."""
from __future__ import annotations

import difflib
import html
import io
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from dbreport.model import Document, Observation

ROOT = Path(__file__).resolve().parents[2]
FONT = ROOT / "templates" / "fonts" / "NotoSans-Regular.ttf"
HEADER = "Báo cáo tình hình kinh tế - xã hội tỉnh Điện Biên"

PAGE_CSS = f"""
@font-face {{ font-family: Body; src: url("{FONT.as_uri()}"); }}
@page {{ size: A4; margin: 18mm 14mm 16mm 14mm;
        @top-center {{ content: "{HEADER}"; font: 8.5pt Body; }}
        @bottom-center {{ content: counter(page); font: 10pt Body; }} }}
body {{ font: 10.5pt/1.35 Body; margin: 0; }}
.l {{ white-space: pre; }}
.fn {{ float: footnote; font-size: 8pt; line-height: 1.25; }}
::footnote-call {{ content: none; }}
.fn::footnote-marker {{ content: none; }}
"""


def blocks(doc: Document) -> list[tuple[str, list[str]]]:
    """The seed's lines as ("line", [text]) and ("footnote", [texts]) blocks, in order; page
    numbers and blank lines (the dump's own layout) left out."""
    out: list[tuple[str, list[str]]] = []
    for n, line in enumerate(doc.lines, 1):
        reason = doc.set_aside.get(n, "")
        if not line.strip() or reason == "page number":
            continue
        if reason.startswith("footnote"):
            if out and out[-1][0] == "footnote" and not (n in doc.footnotes.values()):
                out[-1][1].append(line.strip())
            else:
                out.append(("footnote", [line.strip()]))
        else:
            out.append(("line", [line.strip()]))
    return out


def report_html(doc: Document, body_pt: float = 10.5) -> str:
    """The report as print HTML: each line of the dump a line of the page, footnotes floated to
    the foot of the page they are called on."""
    parts = []
    for kind, texts in blocks(doc):
        inner = "".join(f'<div class="l">{html.escape(t)}</div>' for t in texts)
        parts.append(f'<div class="fn">{inner}</div>' if kind == "footnote" else inner)
    css = PAGE_CSS.replace("font: 10.5pt/1.35 Body", f"font: {body_pt}pt/1.35 Body")
    return f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>{css}</style></head><body>{"".join(parts)}</body></html>'


def pdf_twin(doc: Document, body_pt: float = 10.5) -> bytes:
    from weasyprint import HTML
    return HTML(string=report_html(doc, body_pt)).write_pdf()


def scanned_twin(pdf: bytes, pages: int, dpi: int = 200) -> bytes:
    """The first `pages` pages rasterised (pdftoppm) and bound again as an image-only PDF, as a
    scanner would give them."""
    from PIL import Image
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-l", str(pages), str(src), str(Path(tmp) / "p")], check=True)
        images = [Image.open(p).convert("L") for p in sorted(Path(tmp).glob("p-*.png"))]
        out = io.BytesIO()
        images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
        return out.getvalue()


def first_pages_text(doc: Document, pdf: bytes, pages: int) -> set[str]:
    """The dump lines that the first `pages` pages of the PDF twin hold (read back by pdftotext)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        text = subprocess.run(["pdftotext", "-l", str(pages), f.name, "-"], capture_output=True, text=True, check=True).stdout
    return {squash(line) for line in text.splitlines() if line.strip()}


def docx_twin(doc: Document, table: list[list[str]] = (), after_line: int = 0) -> bytes:
    """The report as a Word file: one paragraph per line of the dump (footnotes and page numbers
    left out, as Word keeps footnotes apart), `table` inserted as a real table after `after_line`."""
    import docx
    out = docx.Document()
    for n, line in enumerate(doc.lines, 1):
        if line.strip() and n not in doc.set_aside:
            out.add_paragraph(line.strip())
        if table and n == after_line:
            t = out.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, text in enumerate(row):
                    t.cell(r, c).text = text
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def article_html(doc: Document) -> str:
    """A news article as a site serves it: navigation, a photo with its caption, teasers for
    other articles and a footer around the article's paragraphs."""
    paragraphs = [line.strip() for line in doc.lines if line.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
    half = len(paragraphs) // 2
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:half]) + (
        '<figure><img src="anh-1.jpg" alt=""><figcaption>Ảnh: 35 học sinh bản Huổi Só trong giờ học, năm 2023 (ảnh: Báo Điện Biên Phủ)</figcaption></figure>'
    ) + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[half:])
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(paragraphs[0][:80])} | Báo Điện Biên Phủ</title></head>
<body><header><a href="/">Báo Điện Biên Phủ</a><nav><ul><li><a href="/kinh-te">Kinh tế</a></li><li><a href="/xa-hoi">Xã hội</a></li>
<li><a href="/2024">Năm 2024: 12 chuyên mục</a></li></ul></nav></header>
<main><article><h1>{html.escape(paragraphs[0])}</h1>{body}</article>
<aside class="related"><h3>Tin liên quan</h3><ul><li><a href="/a">Điện Biên thu hút 1.200 tỷ đồng vốn đầu tư năm 2023</a></li>
<li><a href="/b">Mường Nhé có 45 bản đạt chuẩn nông thôn mới</a></li></ul></aside></main>
<footer><p>© 2024 Báo Điện Biên Phủ. Giấy phép số 08/GP-BTTTT. Điện thoại 0215 382 4432</p></footer></body></html>"""


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Text as Vietnamese Windows saves it in code page 1258: letters like ơ and â precomposed,
    tones as combining marks after them."""
    out = []
    for ch in text:
        try:
            ch.encode("cp1258")
            out.append(ch)
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES)) + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


def squash(text: str) -> str:
    return " ".join(text.split())


def figures_in_order(doc: Document, observations: list[Observation]) -> list[tuple]:
    """Each figure as (quote, value, unit, kind, period, part), in reading order, with its line's
    text last (for messages). Its place is where it stands in the sequence of figures of its part
    (the running text, or footnote N: a footnote sits at the foot of whichever page calls it),
    which every format keeps, rather than a line number, which it does not."""
    return [(" ".join(o.quote.split()), o.value, o.unit, o.kind, o.period, part(doc, o.line), squash(doc.lines[o.line - 1]))
            for o in sorted(observations, key=lambda o: (o.line, o.start))]


def part(doc: Document, n: int) -> str:
    reason = doc.set_aside.get(n, "")
    return reason if reason.startswith("footnote") else "text"


def compare_figures(expected: list[tuple], got: list[tuple]) -> tuple[float, list[str]]:
    """(share of the expected figures found at the same place, every difference worded)."""
    matched, lines = 0, []
    for section in sorted({f[5] for f in expected + got}):
        mine, theirs = [f for f in expected if f[5] == section], [f for f in got if f[5] == section]
        matcher = difflib.SequenceMatcher(None, [f[:6] for f in mine], [f[:6] for f in theirs], autojunk=False)
        matched += sum(block.size for block in matcher.get_matching_blocks())
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                lines += [f"text only ({section}): {f[0]!r} = {f[1]} {f[2]} {f[3]} {f[4]} in {f[6][:90]!r}" for f in mine[i1:i2]]
                lines += [f"read only ({section}): {f[0]!r} = {f[1]} {f[2]} {f[3]} {f[4]} in {f[6][:90]!r}" for f in theirs[j1:j2]]
    return matched / max(1, len(expected)), lines


def assert_same_figures(expected: list[tuple], got: list[tuple], at_least: float = 0.98) -> float:
    share, differences = compare_figures(expected, got)
    assert share >= at_least, f"{share:.1%} of {len(expected)} figures at the same place; differences:\n" + "\n".join(differences)
    return share
