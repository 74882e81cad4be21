"""Web pages and saved articles: the article's own text, without the site's navigation, image
captions, related-article teasers and footer. trafilatura finds the article; `favor_precision`
leaves out the captions it would otherwise keep (a caption's `35 học sinh` is not a report figure).
One paragraph per line, numbered as read."""
from __future__ import annotations

import trafilatura

from dbreport.readers.base import PageProgress, Reading, Unreadable
from dbreport.readers.text import decode


def read_html(raw: bytes, _on_page: PageProgress) -> Reading:
    text = trafilatura.extract(decode(raw), include_tables=True, include_images=False, include_comments=False,
                               include_links=False, favor_precision=True, deduplicate=False)
    if not text:
        raise Unreadable("a web page with no article text in it")
    return Reading(text.split("\n"), "html")
