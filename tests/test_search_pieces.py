"""The index in pieces finds what the whole index finds: in a real Chromium,
the readers' queries of every language (both halves) and the project's own,
shown by the search dialog once from the pieces (as the site serves them)
and once from the whole index of the same build (the set-up file answered
with search/search_index.json, which the worker then builds in the browser,
as Material's own worker does)."""

from __future__ import annotations

import pytest

from playbook import search
from search_report import OWN_QUERIES_DIR, home_as_index, language_home, query_sets, shown_in_page

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "it", "sl", "nb", "pt", "pl"]
SAME_TOP_FIVE = 0.95  # the share of queries whose first five results must be the same, in the same order


def shown(browser, url: str, language: str, queries: list[str], whole_index: bytes | None) -> list[list[str]]:
    page = browser.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    if whole_index is not None:
        page.route("**/search/setup.json", lambda route: route.fulfill(
            body=whole_index, content_type="application/json"))
    try:
        page.goto(language_home(url, language, "en"))
        found = [[home_as_index(link) for link in links][:5] for links in shown_in_page(page, queries)]
    finally:
        page.close()
    pieces = [address for address in asked if "/search/words/" in address or "/search/sections/" in address]
    assert bool(pieces) == (whole_index is None), pieces[:3]  # the whole index needs no pieces
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pieces_show_the_whole_index_results_for_the_same_queries(browser, served_site, real_site, language):
    queries = [query.text for query in query_sets()[language][1]]
    queries += [query.text for query in query_sets(OWN_QUERIES_DIR, halves=False)[language][1]]
    assert len(queries) >= 60, len(queries)
    whole = (real_site / search.index_path(language, "en")).read_bytes()
    from_pieces = shown(browser, served_site, language, queries, None)
    from_whole = shown(browser, served_site, language, queries, whole)
    assert sum(1 for links in from_whole if links) >= 0.9 * len(queries)  # the comparison is of real results
    differ = [(query, whole_links, piece_links) for query, whole_links, piece_links
              in zip(queries, from_whole, from_pieces) if whole_links != piece_links]
    assert len(differ) <= (1 - SAME_TOP_FIVE) * len(queries), differ
