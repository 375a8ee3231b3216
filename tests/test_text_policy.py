"""Text is never markup: page titles, company values, interface texts and
mkdocs.yml settings show as text in every output, and what cannot be shown
safely is refused with its file and line (README: "Security")."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from conftest import REPO, BuildFailed, build_site, edit, project_sandbox
from html_pages import LANGUAGES, article, page_file, soup
from site_outputs import counts, problems

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Markup that would run if any of it reached the page as HTML.
TITLE_BREAKOUT = "</title><script>alert('t3')</script><img src=x onerror=alert('t4')>"
ESCAPED_BREAKOUT = "&lt;/title&gt;&lt;script&gt;alert('t3')&lt;/script&gt;&lt;img src=x onerror=alert('t4')&gt;"


def injected_markup(site: Path) -> list[str]:
    """Every script that runs alert() and every element with an event handler, in every page."""
    found = []
    for path in site.rglob("*.html"):
        page = soup(path)
        for script in page.find_all("script"):
            if "alert(" in script.get_text():
                found.append(f"{path.relative_to(site)}: <script>{script.get_text()[:40]}")
        for element in page.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            if handlers:
                found.append(f"{path.relative_to(site)}: <{element.name} {handlers[0]}=…>")
    return found


def sandbox_build(tmp_path: Path, root: Path) -> Path:
    return build_site(tmp_path / "site", config_file=root / "mkdocs.yml")


def test_every_file_the_real_build_writes_parses_the_english_feed_included(real_site):
    assert problems(real_site) == []
    kinds = counts(real_site)
    assert kinds[".xml"] > len(LANGUAGES) and kinds[".json"] >= len(LANGUAGES) and kinds[".html"] > 100
    entries = len(list((REPO / "changes").glob("*.yml")))
    for language in LANGUAGES:
        feed = real_site / ("feed.xml" if language == "en" else f"{language}/feed.xml")
        root = ElementTree.parse(feed).getroot()
        assert root.tag == f"{ATOM}feed" and root.get(XML_LANG) == language
        assert len(root.findall(f"{ATOM}entry")) == entries


def test_markup_in_a_heading_and_a_company_value_stays_text_in_the_tab_title(tmp_path):
    root = project_sandbox(tmp_path / "project")
    edit(root / "mkdocs.yml", "name: Brightwater Supplies", f'name: "{TITLE_BREAKOUT}"')
    for language in LANGUAGES:
        page = root / "docs" / language / "faq.md"
        lines = page.read_text(encoding="utf-8").split("\n")
        h1 = next(i for i, line in enumerate(lines) if line.startswith("# "))
        lines[h1] += f" {ESCAPED_BREAKOUT} {{{{ company.name }}}}"
        page.write_text("\n".join(lines), encoding="utf-8")
    site = sandbox_build(tmp_path, root)
    assert injected_markup(site) == []
    assert problems(site) == []
    title = soup(page_file(site, "faq")).title.get_text()
    assert title == f"Frequently Asked Questions {TITLE_BREAKOUT} {TITLE_BREAKOUT} - Customer Service Playbook"
    for language in LANGUAGES:
        assert TITLE_BREAKOUT in soup(page_file(site, "faq", language)).title.get_text()


def test_markup_in_the_site_settings_and_section_titles_of_mkdocs_yml_shows_as_text(tmp_path):
    root = project_sandbox(tmp_path / "project")
    config = root / "mkdocs.yml"
    edit(config, "site_name: Customer Service Playbook", "site_name: \"Playbook <script>alert('n')</script>\"")
    edit(config, "site_description: How we serve our customers, channel by channel.",
         "site_description: 'x\" onmouseover=\"alert(1)'")
    edit(config, "copyright: Internal use only.", "copyright: \"<img src=x onerror=alert('c')>\"")
    edit(config, "Policy: Politica", "Policy: \"<img src=x onerror=alert('nav')>\"")
    site = sandbox_build(tmp_path, root)
    assert injected_markup(site) == []
    assert problems(site) == []
    home = soup(page_file(site, "index"))
    assert home.title.get_text() == "Playbook <script>alert('n')</script>"
    assert home.find("meta", attrs={"name": "description"})["content"] == 'x" onmouseover="alert(1)'
    assert "<img src=x onerror=alert('c')>" in home.select_one(".md-copyright").get_text()
    italian = soup(page_file(site, "channels", "it"))
    assert "<img src=x onerror=alert('nav')>" in italian.select_one(".md-nav--primary").get_text()


def test_a_company_value_at_the_start_of_a_line_cannot_start_a_list_or_code(tmp_path):
    root = project_sandbox(tmp_path / "project")
    config = root / "mkdocs.yml"
    edit(config, "manager_name: Maya Lindqvist", 'manager_name: "1. INJECTED-OL"')
    edit(config, "ticketing: Beacon Desk", 'ticketing: "    INJECTED-CODE"')
    edit(config, "website: https://www.brightwater.example", 'website: "- INJECTED-LIST"')
    for language in LANGUAGES:  # in every language, so that the translations stay in step
        page = root / "docs" / language / "faq.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n{{ company.contacts.manager_name }}\n\n"
                        "{{ company.systems.ticketing }}\n\n{{ company.website }}\n", encoding="utf-8")
    site = sandbox_build(tmp_path, root)
    body = article(page_file(site, "faq"))
    for marker in ("INJECTED-OL", "INJECTED-CODE", "INJECTED-LIST"):
        holders = [p for p in body.find_all("p") if marker in p.get_text()]
        assert holders and all(p.find_parent(["ol", "ul", "pre"]) is None and p.find(["ol", "ul", "code"]) is None
                               for p in holders)
        assert not [e for e in body.find_all(["li", "pre", "code"]) if marker in e.get_text()]
    texts = [p.get_text().strip() for p in body.find_all("p")]
    assert {"1. INJECTED-OL", "INJECTED-CODE", "- INJECTED-LIST"} <= set(texts)


def company_value_error(tmp_path, old: str, new: str) -> tuple[int, str]:
    root = project_sandbox(tmp_path / "project")
    line = edit(root / "mkdocs.yml", old, new)
    with pytest.raises(BuildFailed) as error:
        sandbox_build(tmp_path, root)
    return line, str(error.value)


@pytest.mark.parametrize("value", ["javascript:alert(document.domain)", " JavaScript:alert(1)",
                                   "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"])
def test_a_company_value_with_a_link_scheme_other_than_web_mail_or_phone_is_refused_with_its_line(tmp_path, value):
    line, message = company_value_error(tmp_path, "website: https://www.brightwater.example", f"website: {value!r}")
    scheme = value.strip().split(":")[0]
    assert f"mkdocs.yml:{line}: extra.company.website starts with the link scheme '{scheme}:'" in message
    assert "http:, https:, mailto:, tel:" in message


@pytest.mark.parametrize("value, problem", [
    ('"Maya\\n\\n- INJECTED-LIST"', "contains a line break"),
    ('"Maya\\u2028Lindqvist"', "contains a line break"),
    ('"Maya\\x01"', "contains the control character U+0001"),
    ('"Maya\\tLindqvist"', "contains a tab"),
])
def test_a_company_value_that_is_not_one_line_of_text_is_refused_with_its_line(tmp_path, value, problem):
    line, message = company_value_error(tmp_path, "manager_name: Maya Lindqvist", f"manager_name: {value}")
    assert f"mkdocs.yml:{line}: extra.company.contacts.manager_name {problem}" in message
    assert "write it on one line" in message


def test_a_company_value_with_a_lone_surrogate_is_refused_with_its_line_and_the_fix(tmp_path):
    # "\ud800" is half of a UTF-16 pair: PyYAML (and so MkDocs) reads it, no UTF-8 page can hold it.
    line, message = company_value_error(tmp_path, "manager_name: Maya Lindqvist", 'manager_name: "Maya \\ud800"')
    assert f"mkdocs.yml:{line}: extra.company.contacts.manager_name contains a lone surrogate U+D800" in message
    assert "write the character itself, not a \\u escape" in message


def test_a_megabyte_company_value_is_refused_and_the_message_shows_only_its_start(tmp_path):
    line, message = company_value_error(tmp_path, "manager_name: Maya Lindqvist", f"manager_name: {'M' * 1_000_000}")
    assert f"mkdocs.yml:{line}: extra.company.contacts.manager_name is 1,000,000 characters long" in message
    assert len(message) < 1000


def test_a_per_language_value_with_a_language_the_site_does_not_have_is_refused(tmp_path):
    line, message = company_value_error(tmp_path, "name: Brightwater Supplies",
                                        "name: {en: Brightwater Supplies, xx: Brightwater}")
    assert (f"mkdocs.yml:{line}: extra.company.name is given per language, but 'xx' is not a language "
            "of this site (en, it, sl, nb, pt, pl)") in message


def interface_sandbox(tmp_path: Path, key: str, language: str, text: str) -> tuple[Path, int]:
    """A project whose interface.yml has ``text`` for ``key`` in ``language``; returns it and the line."""
    root = project_sandbox(tmp_path / "project")
    table = root / "overrides" / "interface.yml"
    lines = table.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"{key}:")
    offset = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(f"  {language}:"))
    lines[offset] = f"  {language}: {text}"
    table.write_text("\n".join(lines), encoding="utf-8")
    return root, offset + 1


def test_quotes_and_ampersands_in_an_interface_text_stay_inside_their_attribute(tmp_path):
    text = """Changes "quoted" x="y" & 'z' <3"""
    root, _ = interface_sandbox(tmp_path, "feed_title", "pl", "'Changes \"quoted\" x=\"y\" & ''z'' <3'")
    site = sandbox_build(tmp_path, root)
    [link] = soup(page_file(site, "channels", "pl")).find_all("link", attrs={"type": "application/atom+xml"})
    assert link["title"] == text and "x" not in link.attrs and link["href"].endswith("feed.xml")
    feed = ElementTree.parse(site / "pl" / "feed.xml").getroot()
    assert feed.find(f"{ATOM}title").text.endswith(f": {text}")
    assert problems(site) == []


@pytest.mark.parametrize("key, text, problem", [
    ("not_found_title", "\"<img src=x onerror=alert('nf')> Not found\"", "contains an HTML tag"),
    ("changelog_intro", "\"[click](javascript:alert(3)) and more\"", "contains Markdown (a link, an image or code)"),
    ("changelog_intro", "\"<script>alert(4)</script>\"", "contains an HTML tag"),
    ("feed_title", '"two\\nlines"', "contains a line break"),
])
def test_html_markdown_or_a_line_break_in_an_interface_text_is_refused_with_its_line(tmp_path, key, text, problem):
    root, line = interface_sandbox(tmp_path, key, "it", text)
    with pytest.raises(BuildFailed) as error:
        sandbox_build(tmp_path, root)
    assert f"overrides/interface.yml:{line}: the text '{key}' in 'it' {problem}" in str(error.value)
    assert "Interface texts are plain text" in str(error.value)


@pytest.mark.parametrize("added, problem", [
    ("<script>alert(1)</script>", "raw HTML (<script>) is not allowed in pages"),
    ("See <img src=x onerror=alert(2)> here.", "raw HTML (<img>) is not allowed in pages"),
    ("[our site](javascript:alert(3))", "the link target scheme 'javascript:' is not allowed"),
    ("[our site]( JAVASCRIPT:alert(3))", "the link target scheme 'JAVASCRIPT:' is not allowed"),
    ("[x]: data:text/html,hi", "the link target scheme 'data:' is not allowed"),
])
def test_raw_html_or_a_script_link_in_a_page_is_refused_with_its_file_and_line(tmp_path, added, problem):
    root = project_sandbox(tmp_path / "project")
    line = edit(root / "docs" / "pl" / "faq.md", "\n## ", f"\n\n{added}\n\n## ") + 2
    with pytest.raises(BuildFailed) as error:
        sandbox_build(tmp_path, root)
    assert f"docs/pl/faq.md:{line}: {problem}" in str(error.value)


def test_html_shown_in_code_is_left_alone(tmp_path):
    root = project_sandbox(tmp_path / "project")
    page = root / "docs" / "en" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nWrite `<b>` or\n\n```\n<script>x</script>\n```\n",
                    encoding="utf-8")
    site = sandbox_build(tmp_path, root)
    assert "<script>x</script>" in article(page_file(site, "faq")).find("pre").get_text()


def test_the_cli_build_names_the_key_and_line_and_prints_no_traceback(tmp_path):
    root = project_sandbox(tmp_path / "project")
    line = edit(root / "mkdocs.yml", "website: https://www.brightwater.example", "website: javascript:alert(1)")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert f"mkdocs.yml:{line}: extra.company.website starts with the link scheme 'javascript:'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("old, new, message", [
    ("site_name: Customer Service Playbook", 'site_name: "Playbook\\x01"', "site_name contains the control character U+0001"),
    ("copyright: Internal use only.", 'copyright: "Internal\\n\\nuse only."', "copyright contains a line break"),
    ("repo_url: https://github.com/example/customer-service-playbook", "repo_url: javascript://x%0aalert(1)",
     "repo_url is not an http(s) address"),
])
def test_a_site_setting_that_cannot_be_shown_safely_is_refused_with_its_line(tmp_path, old, new, message):
    root = project_sandbox(tmp_path / "project")
    line = edit(root / "mkdocs.yml", old, new)
    with pytest.raises(BuildFailed) as error:
        sandbox_build(tmp_path, root)
    assert f"mkdocs.yml:{line}: {message}" in str(error.value)
