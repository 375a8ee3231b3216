"""Printing: the print page per language holds the whole playbook in
navigation order, and every page prints without the site's chrome."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
import yaml

from conftest import REPO, build_site
from html_pages import LANGUAGES, article, page_file, soup
from playbook.print_page import SourcePage, combine

PRINT = "print"


def nav_pages() -> list[str]:
    """The pages of mkdocs.yml's nav, in order, without the print page itself."""
    text = re.sub(r"!ENV \[[^\]]*\]", "''", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from walk(value)
            else:
                yield value[: -len(".md")]

    return [page for page in walk(yaml.safe_load(text)["nav"]) if page != PRINT]


def section_ids(node, levels) -> list[str]:
    return [h["id"] for h in node.find_all(levels) if h.get("id")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_print_page_holds_every_page_in_navigation_order(real_site, language):
    printed = soup(page_file(real_site, PRINT, language))
    assert printed.html["lang"] == language
    sections = printed.select("section.playbook-print-section")
    assert [s["data-page"] for s in sections] == nav_pages()
    contents = [a["href"] for a in printed.select(".playbook-print-contents a")]
    assert contents == [f"#page-{page}" for page in nav_pages()]
    for section in sections:
        name = section["data-page"]
        own = article(page_file(real_site, name, language))
        assert section.get("lang") is None, name  # every page is translated
        # The page's title and its sections, one heading level down, with their ids.
        assert section.find("h2").get_text(" ", strip=True) == own.find("h1").get_text(" ", strip=True)
        assert section_ids(section, ["h3", "h4"]) == section_ids(own, ["h2", "h3"]), name
        # Its text: every paragraph of the page is there.
        for paragraph in own.find_all("p"):
            text = paragraph.get_text(" ", strip=True)
            # Notices the templates add (revision, version banner) are not the page's text.
            added_by_template = any(c.startswith("playbook-") for tag in [paragraph, *paragraph.parents]
                                    for c in (tag.get("class") or []))
            if text and not added_by_template and not paragraph.find_parent(class_="playbook-revision-history"):
                assert text in section.get_text(" ", strip=True), (name, text)
        # Its revision information.
        revised = soup(page_file(real_site, name, language)).select_one(".playbook-last-revised")
        if revised is not None:
            assert section.select_one(".playbook-last-revised").get_text(" ", strip=True) == revised.get_text(" ", strip=True)
        history = soup(page_file(real_site, name, language)).select(".playbook-revision-history li")
        assert len(section.select(".playbook-revision-history li")) == len(history), name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_print_page_ids_are_unique_and_its_anchors_work(real_site, language):
    printed = soup(page_file(real_site, PRINT, language))
    ids = [node["id"] for node in printed.find_all(id=True)]
    duplicates = sorted(i for i, count in Counter(ids).items() if count > 1)
    assert not duplicates
    anchors = [a["href"][1:] for a in printed.select("article a[href^='#']")]
    assert anchors, "no in-page links"
    assert sorted(set(anchors) - set(ids)) == []
    # Links between the playbook's pages now lead within the print page.
    other_page = re.compile(r"^(\.\./)*(" + "|".join(map(re.escape, nav_pages())) + r")/(#|$)")
    for link in printed.select("section.playbook-print-section a[href]"):
        assert not other_page.match(link["href"]), link["href"]
    assert printed.select_one(f"section[data-page='index'] a[href='#page-scope']") is not None
    # Section ids of the source are kept, so a ticket's #section link works here too.
    assert printed.find(id="email-response") is not None


def test_the_print_page_is_left_out_of_search(real_site):
    for index_file in real_site.rglob("search_index.json"):
        locations = [doc["location"] for doc in json.loads(index_file.read_text(encoding="utf-8"))["docs"]]
        assert locations, index_file
        assert not [loc for loc in locations if loc.split("#")[0].rstrip("/").endswith(PRINT)], index_file


def test_the_print_page_is_in_the_navigation(real_site):
    for language in LANGUAGES:
        home = soup(page_file(real_site, "index", language))  # at the root of its language
        assert home.select_one("nav.md-nav--primary a[href='print/']") is not None, language


def test_an_untranslated_page_is_printed_in_english_with_its_notice(fixture_docs, tmp_path):
    (fixture_docs / "pl" / "channels.md").unlink()
    site = build_site(tmp_path / "site", fixture_docs)
    printed = soup(page_file(site, PRINT, "pl"))
    section = printed.select_one("section[data-page='channels']")
    assert section["lang"] == "en"
    assert section.find("h2").get_text(" ", strip=True).rstrip(" ¶") == "Service Levels per Channel"
    assert section.select_one(".playbook-translation-notice[data-translation-state='missing']") is not None
    # The pages around it are still Polish.
    assert printed.select_one("section[data-page='requests']").get("lang") is None


def test_combine_renames_only_ids_that_clash_and_rewrites_links():
    pages = [
        SourcePage("index", "pl/", '<h1 id="welcome">W</h1><p><a href="channels/#email-response">e</a>'
                   ' <a href="channels/">c</a> <img src="../assets/logo.svg" alt="">'
                   ' <sup id="fnref:1"><a href="#fn:1">1</a></sup></p><div id="fn:1"></div>'),
        SourcePage("channels", "pl/channels/", '<h1 id="channels">C</h1><h2 id="email-response">E</h2>'
                   '<p><a href="../">home</a> <a href="../feed.xml">feed</a> <a href="https://example.com/">x</a>'
                   ' <sup id="fnref:1"><a href="#fn:1">1</a></sup></p><div id="fn:1"></div>'),
    ]
    index, channels = combine(pages, "pl/print/", reserved_ids={"print-contents"})
    assert index.heading == '<h2 id="welcome">W</h2>'
    assert '<a href="#email-response">' in index.body and '<a href="#page-channels">' in index.body
    assert 'src="../../assets/logo.svg"' in index.body
    assert 'id="fnref:1"' in index.body and 'href="#fn:1"' in index.body
    # The second page's footnote ids clash with the first's: they are renamed, and so are links to them.
    assert 'id="channels--fnref:1"' in channels.body and 'href="#channels--fn:1"' in channels.body
    assert '<h3 id="email-response">' in channels.body
    assert 'href="#page-index"' in channels.body and 'href="../feed.xml"' in channels.body
    assert 'href="https://example.com/"' in channels.body


# In a real Chromium, with print media emulated.

CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
          ".md-search", ".md-top", ".md-content__button"]


@pytest.mark.browser
def test_printing_a_page_hides_the_chrome_and_shows_link_targets_and_revisions(page, served_site):
    page.goto(f"{served_site}/channels/")
    history = page.locator(".playbook-revision-history li").first
    assert page.locator(".md-header").is_visible() and not history.is_visible()  # on screen: chrome, history closed
    page.emulate_media(media="print")
    for selector in CHROME:
        locator = page.locator(selector)
        assert all(not locator.nth(i).is_visible() for i in range(locator.count())), selector
    assert page.locator("article h1").is_visible()
    assert page.locator(".playbook-last-revised").is_visible()
    assert history.is_visible()  # the revision history prints open
    after = "(element) => getComputedStyle(element, '::after').content"
    link = page.locator("article a[href$='requests/']").first
    assert link.evaluate(after) == f'" ({served_site}/requests/)"'
    permalink = page.locator("article a.headerlink").first
    assert not permalink.is_visible()


@pytest.mark.browser
def test_printing_the_print_page_shows_no_target_for_in_page_links(page, served_site):
    page.goto(f"{served_site}/it/print/")
    page.emulate_media(media="print")
    after = "(element) => getComputedStyle(element, '::after').content"
    contents_link = page.locator(".playbook-print-contents a").first
    assert contents_link.evaluate(after) == "none"
    in_text = page.locator("section[data-page='index'] a[href='#page-scope']").first
    assert in_text.evaluate(after) == "none"
    external = page.locator("section.playbook-print-section a[href^='mailto:'], section.playbook-print-section a[href^='http']")
    shown = [external.nth(i).evaluate(after) for i in range(external.count())]
    # A link whose text is its own address is not repeated; every other one shows its target.
    texts = [external.nth(i).inner_text().strip() for i in range(external.count())]
    targets = [external.nth(i).evaluate("a => a.href.replace(/^mailto:/, '')") for i in range(external.count())]
    for text, target, content in zip(texts, targets, shown):
        assert content == ("none" if text in (target, target.rstrip("/")) else f'" ({target})"'), text


@pytest.mark.browser
def test_the_print_page_prints_each_page_on_its_own_sheets(page, served_site):
    page.goto(f"{served_site}/print/")
    sections = page.locator("section.playbook-print-section").count()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    sheets = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    # The title and contents, then each page starting on a new sheet.
    assert sheets >= sections + 1


def test_the_print_page_was_last_revised_with_its_newest_page(real_site):
    printed = soup(page_file(real_site, PRINT))
    own = printed.select_one(".playbook-last-revised time")
    assert own.find_parent("section") is None
    dates = [t["datetime"] for t in printed.select("section.playbook-print-section .playbook-last-revised time")]
    assert own["datetime"] >= max(dates)
    # Its own changelog entry is its revision history.
    history = [h for h in printed.select(".playbook-revision-history") if h.find_parent("section") is None]
    assert len(history) == 1 and "The whole playbook" in history[0].get_text()
