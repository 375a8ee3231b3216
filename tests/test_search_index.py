"""One search index per language: what the build writes, read back from the
built site (the browser side is in test_search_browser.py)."""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import urljoin

import pytest
import yaml

from conftest import REPO, BuildFailed, build_site
from html_pages import LANGUAGES, PAGES, article, page_file, soup
from playbook import search
from playbook.errors import PlaybookError
from search_report import check_expectations, index_sizes, load_queries, query_sets

LUNR = {"en": "en", "it": "it", "sl": "sl", "nb": "no", "pt": "pt", "pl": "pl"}


def prefix(language: str) -> str:
    return "" if language == "en" else f"{language}/"


def read_index(site, language: str) -> dict:
    return json.loads((site / search.index_path(language, "en")).read_text(encoding="utf-8"))


def company() -> dict:
    text = re.sub(r"!ENV \[[^\]]*\]", "''", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    return yaml.safe_load(text)["extra"]["company"]


def test_each_language_has_its_own_index_in_its_folder(real_site):
    for language in LANGUAGES:
        index = read_index(real_site, language)
        assert index["config"]["lang"] == [LUNR[language]]
        assert "stemmer" in index["config"]["pipeline"]
        locations = [doc["location"] for doc in index["docs"]]
        assert locations, language
        others = tuple(f"{code}/" for code in LANGUAGES if code not in ("en", language))
        assert not [location for location in locations if location.startswith(others)], language
        if language != "en":
            assert all(location.startswith(f"{language}/") for location in locations), language


def test_every_section_of_every_language_is_in_its_index_with_its_anchor(real_site):
    for language in LANGUAGES:
        locations = {doc["location"] for doc in read_index(real_site, language)["docs"]}
        for page in PAGES:
            if page == "print":
                continue  # the whole playbook on one page: left out so as not to double every result
            url = "" if page == "index" else f"{page}/"
            body = article(page_file(real_site, page, language))
            ids = [heading["id"] for heading in body.find_all(["h2", "h3"]) if heading.get("id")]
            assert ids, (language, page)
            assert f"{prefix(language)}{url}" in locations, (language, page)
            missing = [i for i in ids if f"{prefix(language)}{url}#{i}" not in locations]
            assert not missing, (language, page, missing)


def test_each_index_is_about_a_sixth_of_one_with_every_language(real_site):
    sizes = index_sizes(real_site)
    combined = sizes.pop("combined")
    assert set(sizes) == set(LANGUAGES)
    for language, size in sizes.items():
        # Six languages of similar length: each about a sixth (wide margin).
        assert 0.08 * combined < size < 0.25 * combined, (language, size, combined)
    assert sum(sizes.values()) == pytest.approx(combined, rel=0.02)


def test_company_values_are_filled_in_before_indexing(real_site):
    values = company()
    email = values["contacts"]["support_email"]
    hours = str(values["sla"]["email_reply_hours"])
    for language in LANGUAGES:
        docs = {doc["location"]: doc for doc in read_index(real_site, language)["docs"]}
        section = docs[f"{prefix(language)}channels/#email-response"]
        assert email in section["text"], language
        assert re.search(rf"\b{hours}\b", section["text"]), language
        # Only code (the editors' guide shows the syntax) keeps the braces.
        prose = {location: re.sub(r"<code>.*?</code>", "", doc["text"], flags=re.S) for location, doc in docs.items()}
        assert not [location for location, text in prose.items() if "{{" in text], language


def test_pages_load_their_language_index_relative_to_the_page(real_site):
    for language in LANGUAGES:
        for page in ("index", "channels"):
            path = page_file(real_site, page, language)
            script = soup(path).select_one("script[data-index][data-worker]")
            assert script is not None, path
            for attribute in ("src", "data-index", "data-worker"):
                assert not re.match(r"^(/|[a-z]+:)", script[attribute]), (path, attribute)  # relative: works under /<version>/
            page_url = "http://host/v/" + path.relative_to(real_site).as_posix()  # as if published under /v/
            expected = f"http://host/v/{prefix(language)}search/setup.json"
            assert urljoin(page_url, script["data-index"]) == expected, path
            assert urljoin(page_url, script["data-worker"]) == "http://host/v/assets/javascripts/workers/playbook-search.js"
    # The theme files that the pages and the worker load are in the build.
    for name in ("playbook-search.js", "workers/playbook-search.js", "lunr/playbook-word-forms.js", "lunr/playbook-chunks.js",
                 "lunr/min/lunr.pl.min.js", "lunr/min/lunr.sl.min.js", "lunr/min/lunr.no.min.js"):
        assert (real_site / "assets" / "javascripts" / name).is_file(), name


def test_an_untranslated_page_is_searched_in_english_under_the_language(fixture_docs, tmp_path):
    # Readers of Polish still find the rule; the result opens the page in the
    # Polish interface, where a notice says it is in English. The stock set-up
    # dropped such sections, as their text is the same as in English.
    (fixture_docs / "pl" / "faq.md").unlink()
    site = build_site(tmp_path / "site", fixture_docs)
    english = {doc["location"]: doc for doc in read_index(site, "en")["docs"]}
    polish = {doc["location"]: doc for doc in read_index(site, "pl")["docs"]}
    fallback = sorted(location for location in polish if location.startswith("pl/faq/"))
    assert "pl/faq/#faq-refunds" in fallback
    for location in fallback:
        assert polish[location]["title"] == english[location[len("pl/"):]]["title"]
    assert polish["pl/faq/#faq-refunds"]["text"] == english["faq/#faq-refunds"]["text"]
    assert len(fallback) == len([location for location in english if location.startswith("faq/")])


# Languages without a stemmer, and the query sets: bad input names the fix.

def test_lunr_languages_and_their_names():
    available = {"it", "pt", "no", "pl", "sl"}
    assert [search.lunr_language(code, available) for code in LANGUAGES] == [LUNR[code] for code in LANGUAGES]


def test_a_language_without_a_stemmer_fails_naming_the_fix():
    with pytest.raises(PlaybookError) as error:
        search.lunr_language("cy", {"it", "no"})
    message = str(error.value)
    assert message.startswith("mkdocs.yml: search has no stemmer for the language 'cy'")
    assert "overrides/assets/javascripts/lunr/min/lunr.cy.min.js" in message
    assert "LUNR_NAMES in hooks/playbook/search.py" in message


def test_the_query_sets_cover_every_language_with_ten_queries_or_more():
    sets = query_sets()
    assert set(sets) == set(LANGUAGES)
    for language, (source, queries) in sets.items():
        assert len(queries) >= 10, source
        assert all(query.expect.partition("#")[2] for query in queries), source


def test_a_query_without_expect_fails_naming_file_line_and_form():
    text = "- query: voicemail\n  expect: channels/#voicemail-handling\n- query: refunds\n"
    with pytest.raises(PlaybookError) as error:
        load_queries(text, "tests/search_queries/en.yml")
    assert str(error.value).startswith("tests/search_queries/en.yml:3: each entry needs exactly 'query' and 'expect'")
    assert "expect: channels/#email-response" in str(error.value)


def test_an_expectation_that_is_not_a_section_fails_naming_file_and_line():
    with pytest.raises(PlaybookError, match=r"^tests/search_queries/pl\.yml:2: 'expect' must be a section as 'page/#section-id'"):
        load_queries("\n- query: reklamacja\n  expect: complaints\n", "tests/search_queries/pl.yml")
    with pytest.raises(PlaybookError, match=r"^x\.yml:1: expected a list of queries"):
        load_queries("query: reklamacja\n", "x.yml")


def test_an_expected_section_missing_from_the_index_fails_with_the_nearest(real_site):
    queries = load_queries("- query: voicemail\n  expect: channel/#voicemail-handling\n", "tests/search_queries/en.yml")
    locations = {doc["location"] for doc in read_index(real_site, "en")["docs"]}
    with pytest.raises(PlaybookError) as error:
        check_expectations(queries, locations, "tests/search_queries/en.yml")
    assert str(error.value) == (
        "tests/search_queries/en.yml:1: the expected section 'channel/#voicemail-handling' is not in the "
        "search index. Did you mean 'channels/#voicemail-handling'?"
    )


def test_a_missing_stemmer_file_fails_the_build_naming_the_fix(tmp_path):
    from mkdocs.utils.yaml import yaml_load

    overrides = tmp_path / "overrides"
    shutil.copytree(REPO / "overrides", overrides)
    (overrides / "assets" / "javascripts" / "lunr" / "min" / "lunr.sl.min.js").unlink()
    with open(REPO / "mkdocs.yml", encoding="utf-8") as handle:
        theme = dict(yaml_load(handle)["theme"], custom_dir=str(overrides))
    with pytest.raises(BuildFailed) as error:
        build_site(tmp_path / "site", theme=theme)
    assert "mkdocs.yml: search has no stemmer for the language 'sl' (lunr 'sl'). " \
           "Add overrides/assets/javascripts/lunr/min/lunr.sl.min.js" in str(error.value)
