"""Measured search quality, as the reader sees it: each query typed into the
site's own search dialog in Chromium, and the result links read in the order
the dialog shows them (tests/search_queries/, scripts/search_report.py).

The check half of each language's readers' set is the figure: recall@5 of at
least 85% and MRR@10 of at least 0.6 in every language. Ranking is tuned by
the tuning half only."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import REPO
from html_pages import LANGUAGES
from search_report import (BUDGET_MRR, BUDGET_RECALL, MRR_DEPTH, OWN_QUERIES_DIR, TOP, Query, Score, home_as_index,
                           index_sizes, language_home, main, measure, query_sets, read_index, report_text,
                           shown_in_page)

pytestmark = pytest.mark.browser

OWN_REQUIRED_RECALL = 0.9  # the project's own queries: what worked keeps working


@pytest.fixture(scope="module")
def scores(real_site, served_site, browser):
    return measure(real_site, base_url=served_site, browser=browser)


# Issue 15 is open: these languages do not reach the recall budget yet (README:
# "Search", the check half on 2026-12-03). They must not fall below what they
# reached, and every other language must meet the budget; the test says
# "expected failure" until they all do, and then this set is to be emptied.
SHORT_OF_THE_BUDGET = {"en", "it", "sl", "nb"}
REACHED_RECALL = 0.70  # one query (4%) below the lowest figure, for a slow run


def test_every_language_meets_the_budget_on_the_check_half_in_display_order(scores, real_site):
    assert list(scores) == LANGUAGES
    report = report_text(scores, index_sizes(real_site), misses="none")
    weak = {language for language, halves in scores.items()
            if halves["check"].share < BUDGET_RECALL or halves["check"].mrr < BUDGET_MRR}
    assert weak <= SHORT_OF_THE_BUDGET, report
    for language in weak:
        check = scores[language]["check"]
        assert check.share >= REACHED_RECALL and check.mrr >= BUDGET_MRR, report
    if weak:
        pytest.xfail(f"issue 15 open: recall@5 below {BUDGET_RECALL:.0%} in {', '.join(sorted(weak))}\n{report}")


def test_the_projects_own_queries_still_find_their_section_in_the_top_five(scores, real_site):
    weak = [language for language, halves in scores.items() if halves["own"].share < OWN_REQUIRED_RECALL]
    assert not weak, report_text(scores, index_sizes(real_site), misses="own")


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_each_readers_set_has_forty_queries_in_two_fixed_halves_mostly_without_the_headings_words(real_site):
    sets = query_sets()
    assert set(sets) == set(LANGUAGES)
    for language, (source, queries) in sets.items():
        assert len(queries) >= 40, source
        halves = [query.half for query in queries]
        assert abs(halves.count("tuning") - halves.count("check")) <= 2, source
        assert sum(query.kind == "typo" for query in queries) >= 2, source
        prefix = "" if language == "en" else f"{language}/"
        titles = {home_as_index(doc["location"][len(prefix):]): doc["title"]
                  for doc in read_index(real_site, language, "en")["docs"]}
        apart = [query for query in queries if not words(query.text) & words(titles[query.expect])]
        assert len(apart) * 2 >= len(queries), (source, len(apart), len(queries))


def test_the_results_are_read_in_the_order_the_dialog_shows_them(page, served_site):
    # What is measured is the list on screen, top to bottom: every visible
    # result link but the page headings that only group sections.
    page.goto(language_home(served_site, "en", "en"))
    [shown] = shown_in_page(page, ["voicemail"])
    on_screen = page.evaluate("""() => [...document.querySelectorAll(".md-search-result__list a.md-search-result__link")]
        .filter(link => link.getBoundingClientRect().height > 0)
        .filter(link => link.querySelector("article").dataset.mdScore !== "0.00")
        .map(link => new URL(link.href).pathname.slice(1) + new URL(link.href).hash)""")
    assert len(shown) >= 2 and shown == on_screen


def test_a_score_counts_the_place_shown():
    score = Score("en", "check")
    queries = [Query(f"q{n}", f"p/#s{n}", n, "check") for n in range(4)]
    score.add(queries[0], ["p/#s0", "p/#x"])                      # first: 1
    score.add(queries[1], ["p/#x", "p/#y", "p/#s1"])              # third: 1/3
    score.add(queries[2], [f"p/#x{n}" for n in range(7)] + ["p/#s2"])  # eighth: outside the five, 1/8
    score.add(queries[3], [])                                    # nothing
    assert (score.hits, score.total) == (2, 4)
    assert score.mrr == pytest.approx((1 + 1 / 3 + 1 / 8) / 4)
    assert [query.text for query, _ in score.misses] == ["q2", "q3"]
    assert MRR_DEPTH == 10 and TOP == 5


HOURS = {"en": "hours", "it": "ore", "sl": "ur", "nb": "timer", "pt": "horas", "pl": "godziny"}


def test_the_company_email_and_reply_time_find_the_email_section_in_every_language(page, served_site):
    text = re.sub(r"!ENV \[[^\]]*\]", "''", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    company = yaml.safe_load(text)["extra"]["company"]
    email, hours = company["contacts"]["support_email"], company["sla"]["email_reply_hours"]
    for language in LANGUAGES:
        page.goto(language_home(served_site, language, "en"))
        for found, query in zip(shown_in_page(page, [email, f"{hours} {HOURS[language]}"]), (email, hours)):
            assert "channels/#email-response" in found[:TOP], (language, query, found[:TOP])


def test_the_report_prints_both_halves_and_the_regression_set_per_language_with_the_misses(scores, real_site):
    text = report_text(scores, index_sizes(real_site))
    lines = text.splitlines()
    assert lines[0].split() == ["language", "half", "queries", f"recall@{TOP}", f"MRR@{MRR_DEPTH}",
                                "index", "bytes", "of", "combined"]
    for language, halves in scores.items():
        assert set(halves) == {"tuning", "check", "own"}
        for half, score in halves.items():
            row = next(line.split() for line in lines if line.split()[:2] == [language, half])
            assert row[2:5] == [str(score.total), f"{score.share:.0%}", f"{score.mrr:.2f}"]
            for query, _ in score.misses:
                assert f"missed ({language}, {half}) '{query.text}' -> {query.expect}" in text
    assert next(line for line in lines if line.startswith("combined ")).split()[-1] == "100%"
    tuning_only = [line for line in report_text(scores, index_sizes(real_site), misses="tuning").splitlines()
                   if line.lstrip().startswith("missed (")]
    assert all(", tuning) '" in line for line in tuning_only)


def test_the_regression_set_is_apart_from_the_readers_set():
    own = query_sets(OWN_QUERIES_DIR, halves=False)
    assert set(own) == set(LANGUAGES)
    assert all(query.half is None for _, queries in own.values() for query in queries)


def test_the_report_command_says_to_build_first_without_a_site(tmp_path, capsys):
    assert main([str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {tmp_path}/search/search_index.json: no search index for 'en'.")
    assert "Build the site first (make build)." in error
