"""Search in a real Chromium, on the served build: each language searches its
own index, results open the section, and each published version searches
its own content."""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import StaticHost, build_site
from playbook import search

pytestmark = pytest.mark.browser


def search_for(page, url: str, query: str) -> dict:
    """Open ``url``, type ``query`` into the search box and wait for the answer.

    Returns the result links and the search indexes the page downloaded.
    """
    downloads, errors = [], []
    page.on("request", lambda request: downloads.append(request.url) if request.url.endswith(".json") else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    texts = json.loads(page.locator("#__config").text_content())["translations"]
    placeholder, none = texts["search.result.placeholder"], texts["search.result.none"]
    meta = page.locator(".md-search-result__meta")
    box = page.locator("input.md-search__input")
    box.click()
    expect(meta).to_have_text(placeholder)  # the index is ready and the empty box answered
    box.fill(query)
    box.press("End")  # Material searches on key up
    expect(meta).not_to_have_text(placeholder)
    links = [link.get_attribute("href") for link in page.locator("a.md-search-result__link").all()]
    assert not errors, errors
    return {
        "links": links,
        "none": meta.inner_text() == none,
        "indexes": [request for request in downloads if urlsplit(request).path.endswith("search/setup.json")],
        "pieces": [request for request in downloads if "/search/" in urlsplit(request).path],
    }


def index_texts(site, language: str) -> str:
    index = json.loads((site / search.index_path(language, "en")).read_text(encoding="utf-8"))
    return " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]).lower()


@pytest.mark.parametrize("language, query", [("pl", "reklamacja"), ("sl", "pritožba"), ("nb", "klage")])
def test_a_query_in_a_language_finds_only_its_sections_and_downloads_only_its_index(page, served_site, language, query):
    found = search_for(page, f"{served_site}/{language}/channels/", query)
    assert found["links"], query
    paths = [urlsplit(link) for link in found["links"]]
    assert all(path.path.startswith(f"/{language}/") for path in paths), found["links"]
    sections = [path for path in paths if path.fragment]
    assert len(sections) >= 3, found["links"]
    assert all(path.path.endswith("/") and "/" not in path.fragment for path in sections)  # page/#section-id
    assert found["indexes"] == [f"{served_site}/{language}/search/setup.json"]
    # The pieces of that index alone: never the whole index, nor another language's pieces.
    assert all(urlsplit(url).path.startswith(f"/{language}/search/") for url in found["pieces"]), found["pieces"]
    assert not [url for url in found["pieces"] if url.endswith("search_index.json")]


def test_english_pages_download_only_the_english_index(page, served_site):
    found = search_for(page, f"{served_site}/channels/", "voicemail")
    assert found["indexes"] == [f"{served_site}/search/setup.json"]
    assert all(urlsplit(url).path.startswith("/search/") for url in found["pieces"]), found["pieces"]
    assert all(not urlsplit(link).path.startswith(("/it/", "/sl/", "/nb/", "/pt/", "/pl/")) for link in found["links"])
    assert any(urlsplit(link).fragment == "voicemail-handling" for link in found["links"])


def test_a_word_only_in_the_slovenian_text_finds_nothing_on_the_english_site(page, served_site, real_site):
    word = "pritožbe"
    assert word in index_texts(real_site, "sl") and word not in index_texts(real_site, "en")
    assert search_for(page, f"{served_site}/sl/", word)["links"]
    found = search_for(page, f"{served_site}/", word)
    assert found["none"] and not found["links"]


def test_clicking_a_result_opens_its_section(page, served_site):
    found = search_for(page, f"{served_site}/pl/", "poczta głosowa")
    link = page.locator("a.md-search-result__link[href*='#voicemail-handling']").first
    assert link.count() == 1, found["links"]
    link.click()
    page.wait_for_url("**/pl/channels/**#voicemail-handling")
    assert urlsplit(page.url).path == "/pl/channels/"
    heading = page.locator("#voicemail-handling")
    expect(heading).to_be_in_viewport()
    assert heading.inner_text().strip().startswith("Poczta głosowa")
    # The page highlights what was searched for as the words it uses (the
    # forms found, "głosową" too), not their stems.
    expect(page.locator("article mark[data-md-highlight]").first).to_be_attached()
    marked = {word for mark in page.locator("article mark[data-md-highlight]").all_inner_texts()
              for word in re.findall(r"\w+", mark.lower())}
    words = set(re.findall(r"\w+", page.locator("article").inner_text().lower()))
    assert {"poczta", "głosową"} <= marked and marked <= words, marked


def test_each_published_version_searches_its_own_content(page, real_site, fixture_docs, tmp_path):
    # A later version adds a sentence to the Polish channels page; mike puts
    # each version in a folder of its own.
    source = fixture_docs / "pl" / "channels.md"
    text = source.read_text(encoding="utf-8")
    anchor = "## E-mail {#email-response}\n"
    assert anchor in text
    source.write_text(text.replace(anchor, anchor + "\nZażółć formularz na żółto, a potem go zażółcicie ponownie.\n"), encoding="utf-8")
    published = tmp_path / "published"
    shutil.copytree(real_site, published / "2026.11")
    build_site(published / "2026.12", fixture_docs)
    host = StaticHost(published)
    try:
        old = search_for(page, f"{host.url}/2026.11/pl/channels/", "zażółć")
        assert old["none"] and old["indexes"] == [f"{host.url}/2026.11/pl/search/setup.json"]
        assert all(urlsplit(url).path.startswith("/2026.11/pl/search/") for url in old["pieces"]), old["pieces"]
        new = search_for(page, f"{host.url}/2026.12/pl/channels/", "zażółć")
        assert new["indexes"] == [f"{host.url}/2026.12/pl/search/setup.json"]
        assert all(urlsplit(url).path.startswith("/2026.12/pl/search/") for url in new["pieces"]), new["pieces"]
        assert any(urlsplit(link).path == "/2026.12/pl/channels/" and urlsplit(link).fragment == "email-response"
                   for link in new["links"]), new["links"]
        # Diacritics are kept: the word without them is another word.
        assert search_for(page, f"{host.url}/2026.12/pl/channels/", "zazolc")["none"]
    finally:
        host.close()


def test_a_page_view_downloads_no_index_until_the_reader_opens_search(page, served_site):
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{served_site}/nb/channels/", wait_until="networkidle")
    page.wait_for_timeout(1000)  # the scripts have settled; still nothing
    assert [url for url in asked if "/search/" in url] == []
    page.keyboard.press("/")  # Material's shortcut: the box gets the focus
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially("klage")
    page.locator("a.md-search-result__link").first.wait_for()
    index = [url for url in asked if "/search/" in url]
    assert index[0] == f"{served_site}/nb/search/setup.json", index
    assert all(url.startswith(f"{served_site}/nb/search/") and "search_index.json" not in url for url in index), index


def test_an_address_with_a_query_searches_at_once(page, served_site):
    page.goto(f"{served_site}/pt/channels/?q=reclama%C3%A7%C3%A3o")
    page.locator("a.md-search-result__link").first.wait_for()
    assert all(urlsplit(link.get_attribute("href")).path.startswith("/pt/")
               for link in page.locator("a.md-search-result__link").all())
