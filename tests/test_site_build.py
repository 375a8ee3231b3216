"""Build the real playbook into a temporary folder and read its HTML."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import yaml

from conftest import REPO
from html_pages import LANGUAGES, PAGES, article, page_file, prose_text, soup
from playbook import anchors

PLACEHOLDER = re.compile(
    r"\[(X|Y|Company|Empresa|Azienda|Podjetje|Podjetja|Firma|Selskap|Bedrift|email address|name|Date|time|method|website)\]",
    re.I,
)


def source_ids(page: str, language: str = "en") -> list[str]:
    path = REPO / "docs" / language / f"{page}.md"
    return anchors.section_ids(anchors.headings(path.read_text(encoding="utf-8")))


def test_every_page_is_built_in_every_language(real_site):
    for language in LANGUAGES:
        for page in PAGES:
            assert page_file(real_site, page, language).is_file(), (language, page)


def test_nav_lists_every_page_of_the_source_tree():
    sources = {p.stem for p in (REPO / "docs" / "en").glob("*.md")}
    assert sources == set(PAGES)


def test_section_headings_carry_the_explicit_ids_of_the_source(real_site):
    seen = {}
    for page in PAGES:
        if page in ("changelog", "print"):  # made by the build: the releases, every page's sections
            continue
        body = article(page_file(real_site, page))
        built = [h["id"] for h in body.find_all(["h2", "h3"])]
        assert built == source_ids(page), page
        for heading_id in built:
            assert heading_id not in seen, f"{heading_id} on {page} and {seen[heading_id]}"
            seen[heading_id] = page
        # Each section heading has its permalink.
        for heading in body.find_all(["h2", "h3"]):
            assert heading.select_one("a.headerlink")["href"] == f"#{heading['id']}"


def test_company_values_are_filled_in(real_site):
    company = yaml.safe_load(re.sub(r"!ENV \[[^\]]*\]", "''", (REPO / "mkdocs.yml").read_text()))["extra"]["company"]
    channels = prose_text(article(page_file(real_site, "channels")))
    assert company["contacts"]["support_email"] in channels
    assert f"within {company['sla']['email_reply_hours']} hours" in channels
    index = soup(page_file(real_site, "index")).get_text()
    assert company["name"] in index
    guide = prose_text(article(page_file(real_site, "editors-guide")))
    assert "20 November 2026" in guide  # the effective date, formatted for English


def test_no_placeholder_or_unfilled_variable_reaches_the_html(real_site):
    for path in real_site.rglob("*.html"):
        text = prose_text(soup(path))
        assert not PLACEHOLDER.search(text), path
        assert "{{" not in text and "}}" not in text, path


def test_no_page_loads_anything_from_outside_the_site(real_site):
    for path in real_site.rglob("*.html"):
        page = soup(path)
        for tag in page.find_all(["link", "script", "img", "iframe"]):
            url = tag.get("href") or tag.get("src") or ""
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert not re.match(r"^(https?:)?//", url), f"{path}: {tag}"
    for css in real_site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8"), css


def test_pages_carry_noindex_and_robots_disallows_all(real_site):
    for path in real_site.rglob("*.html"):
        robots = soup(path).find("meta", attrs={"name": "robots"})
        assert robots is not None and "noindex" in robots["content"], path
    assert (real_site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"


def test_edit_action_opens_the_page_source_in_its_language(real_site):
    edit = soup(page_file(real_site, "channels")).select_one("a[title='Edit this page']")
    assert edit["href"].endswith("/edit/main/docs/en/channels.md")


def test_theme_interface_follows_the_language(real_site):
    for language in LANGUAGES:
        html = soup(page_file(real_site, "channels", language))
        assert html.html["lang"] == language
    search_label = soup(page_file(real_site, "channels", "it")).select_one("input.md-search__input")["placeholder"]
    assert search_label == "Cerca"


def test_navigation_section_titles_are_in_the_page_language(real_site):
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    english = [list(item)[0] for item in config["nav"] if isinstance(item, dict)]
    for language in i18n["languages"]:
        if language.get("default") == "true":
            continue
        expected = [language["nav_translations"][title] for title in english]
        nav = soup(page_file(real_site, "channels", language["locale"])).select_one("nav.md-nav--primary")
        shown = [label.get_text(strip=True) for label in nav.select("li.md-nav__item--section > label")]
        assert shown == expected, language["locale"]


def test_site_name_description_copyright_and_colour_labels_are_in_the_page_language(real_site):
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    english_labels = [palette["toggle"]["name"] for palette in config["theme"]["palette"]]
    for language in i18n["languages"]:
        code = language["locale"]
        own = {key: language.get(key, config[key]) for key in ("site_name", "site_description", "copyright")}
        labels = [p["toggle"]["name"] for p in language["theme"]["palette"]] if "theme" in language else english_labels
        if code != "en":
            assert own["site_name"] != config["site_name"] and labels != english_labels, code
        for page in ("index", "channels", "changelog"):
            html = soup(page_file(real_site, page, code))
            assert html.title.get_text().endswith(f" - {own['site_name']}") or html.title.get_text() == own["site_name"], (code, page)
            assert html.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == own["site_name"], (code, page)
            assert html.select_one('meta[name="description"]')["content"] == own["site_description"], (code, page)
            assert html.select_one(".md-copyright__highlight").get_text(strip=True) == own["copyright"], (code, page)
            toggles = [label["title"] for label in html.select("label.md-header__button[for^=__palette]")]
            assert toggles == labels, (code, page)
            assert "Switch to" not in html.get_text() or code == "en", (code, page)
        feed = real_site / ("" if code == "en" else code) / "feed.xml"
        title = ElementTree.parse(feed).getroot().find("{http://www.w3.org/2005/Atom}title").text
        assert title.startswith(own["site_name"]), code
