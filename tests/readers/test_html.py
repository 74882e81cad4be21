"""Web pages: the news seeds served the way a site serves them, with navigation, a captioned
photo, related-article teasers and a footer around the article."""
from __future__ import annotations

import pytest
from reader_twins import article_html, assert_same_figures, figures_in_order

from dbreport.extract import extract_document
from dbreport.ingest import read_document

NEWS = ["000_8da924b9fbc9c069.txt", "001_6818a40c6c370b4f.txt", "002_e5c3b20fb8a60370.txt"]


@pytest.mark.parametrize("name", NEWS)
def test_web_page_gives_the_figures_of_its_article_and_none_of_its_frame(name, text_twin, tmp_path):
    text_doc, expected = text_twin(name)
    path = tmp_path / (name[:-4] + ".html")
    path.write_text(article_html(text_doc), encoding="utf-8")
    doc = read_document(path)
    assert (doc.format, doc.kind, doc.period, doc.issued) == ("html", text_doc.kind, text_doc.period, text_doc.issued)
    text = "\n".join(doc.lines)
    for frame in ("Trang chủ", "Tin liên quan", "1.200 tỷ đồng", "35 học sinh", "Giấy phép", "12 chuyên mục"):
        assert frame not in text
    assert_same_figures(expected, figures_in_order(doc, extract_document(doc)), at_least=1.0)
