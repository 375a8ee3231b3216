"""Measured search quality: for every language, the expected section is
among the first five results for at least 90% of the query set in
tests/search_queries/, searched through the site's own search in Chromium."""

from __future__ import annotations

import pytest

import re

import yaml

from conftest import REPO
from html_pages import LANGUAGES
from search_report import TOP, index_sizes, language_home, main, recall, report_text, search_in_page

pytestmark = pytest.mark.browser

REQUIRED_RECALL = 0.9


@pytest.fixture(scope="module")
def recalls(real_site, served_site, browser):
    return recall(real_site, base_url=served_site, browser=browser)


def test_every_language_finds_the_expected_section_in_the_top_five_for_nine_queries_in_ten(recalls, real_site):
    assert list(recalls) == LANGUAGES
    weak = [language for language, outcome in recalls.items() if outcome.share < REQUIRED_RECALL]
    assert not weak, report_text(recalls, index_sizes(real_site))
    assert all(outcome.total >= 10 for outcome in recalls.values())


HOURS = {"en": "hours", "it": "ore", "sl": "ur", "nb": "timer", "pt": "horas", "pl": "godziny"}


def test_the_company_email_and_reply_time_find_the_email_section_in_every_language(page, served_site):
    text = re.sub(r"!ENV \[[^\]]*\]", "''", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    company = yaml.safe_load(text)["extra"]["company"]
    email, hours = company["contacts"]["support_email"], company["sla"]["email_reply_hours"]
    for language in LANGUAGES:
        page.goto(language_home(served_site, language, "en"))
        prefix = "" if language == "en" else f"{language}/"
        for query in (email, f"{hours} {HOURS[language]}"):
            [found] = search_in_page(page, [query])
            assert f"{prefix}channels/#email-response" in found[:TOP], (language, query, found[:TOP])


def test_the_report_prints_recall_and_index_size_per_language(recalls, real_site):
    text = report_text(recalls, index_sizes(real_site))
    lines = text.splitlines()
    assert lines[0].split() == ["language", f"recall@{TOP}", "queries", "index", "bytes", "of", "combined"]
    for language, outcome in recalls.items():
        row = next(line for line in lines if line.startswith(f"{language} "))
        assert row.split()[1] == f"{outcome.share:.0%}" and row.split()[2] == str(outcome.total)
    assert next(line for line in lines if line.startswith("combined ")).split()[-1] == "100%"
    for outcome in recalls.values():
        for query, _ in outcome.misses:
            assert f"'{query.text}' -> {query.expect}" in text


def test_the_report_command_says_to_build_first_without_a_site(tmp_path, capsys):
    assert main([str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {tmp_path}/search/search_index.json: no search index for 'en'.")
    assert "Build the site first (make build)." in error
