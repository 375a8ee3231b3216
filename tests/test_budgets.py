"""The budgets that make bench reports, asserted with margins for a noisy machine.

make bench measures with more runs and larger sizes and reports each budget
exactly; these tests use fewer runs and smaller synthetic sites so that
make test stays quick, and so they allow for noise:

- Build times are CPU seconds (other work on the machine does not count),
  yet identical builds still vary by about ±10% on this two-core machine
  while other work runs (seen: 3.2 to 3.7 s), and more when the other work
  competes for the caches: with helper sessions and a second test run
  beside it, the ratio of two medians of three read +34% for hooks that
  make bench, alone, measures within budget. The test allows the hooks
  15% + 35: it catches a hook that doubles the build, and make bench
  judges the 15%.
- Time per page is the build's CPU time over its pages, as in make bench,
  but from 120 to 480 pages instead of 1200 to 2400, each built once: one
  build varies more than a median, so the test allows 1.5× + 0.5.
- Bytes downloaded do not vary from run to run: that budget is exact.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

import bench

HOOKS_MARGIN = 0.35
GROWTH_MARGIN = 0.5
TEST_RUNS = 3
TEST_SIZES = [20, 80]  # pages per language; make bench uses 200 and 400


@pytest.fixture(scope="module")
def hook_timings():
    with bench.scratch_folder("playbook-test-bench-") as folder:
        kept = Path(folder) / "site"
        timings = bench.hooks_overhead(TEST_RUNS, Path(folder), keep=kept)
        # What the builds left behind: only the site asked for.
        left = {path.name: (path / "index.html").is_file() for path in Path(folder).iterdir()}
    return timings, left


@pytest.fixture(scope="module")
def scale_results():
    with bench.scratch_folder("playbook-test-bench-") as folder:
        return bench.scale_builds(TEST_SIZES, 1, Path(folder))


@pytest.fixture(scope="module")
def page_weights(real_site, browser):
    return bench.first_view(real_site, bench.home_paths(), browser)


def test_the_hooks_add_at_most_15_percent_to_the_build(hook_timings):
    (with_hooks, without), _ = hook_timings
    assert len(with_hooks.runs) == len(without.runs) == TEST_RUNS
    overhead = with_hooks.cpu / without.cpu - 1
    assert overhead <= bench.HOOKS_OVERHEAD_BUDGET + HOOKS_MARGIN, (
        f"the hooks add {overhead:.1%} (budget {bench.HOOKS_OVERHEAD_BUDGET:.0%}, test margin {HOOKS_MARGIN:.0%}); "
        f"with: {[r.cpu for r in with_hooks.runs]}, without: {[r.cpu for r in without.runs]}"
    )


def test_build_time_per_page_stays_flat_as_the_site_grows(scale_results):
    small, large = scale_results
    assert large.pages == 4 * small.pages
    assert small.seconds_per_page > 0 and large.seconds_per_page > 0
    growth = large.seconds_per_page / small.seconds_per_page
    assert growth <= bench.SCALE_GROWTH_BUDGET + GROWTH_MARGIN, (
        f"{small.seconds_per_page * 1000:.1f} ms per page at {small.pages} pages, "
        f"{large.seconds_per_page * 1000:.1f} ms at {large.pages}: {growth:.2f}×"
    )


def test_a_first_page_view_downloads_at_most_300_kb_and_no_search_index(page_weights):
    assert [weight.path for weight in page_weights] == bench.home_paths()
    for weight in page_weights:
        # What was measured is the whole page: its HTML, styles and scripts;
        # the search index comes only when the reader opens search.
        assert {"HTML", "CSS", "JavaScript"} <= set(weight.by_kind), weight.path
        assert "search index" not in weight.by_kind, weight.requests
        assert weight.total <= bench.FIRST_VIEW_BUDGET, (
            f"/{weight.path}: {bench.kb(weight.total)} gzip; " + ", ".join(
                f"{url} {bench.kb(size)}" for url, size in sorted(weight.requests, key=lambda r: -r[1])[:8])
        )


def test_the_synthetic_site_is_a_real_playbook(tmp_path):
    nav = bench.synthetic_docs(tmp_path / "docs", 14)
    for language in bench.LANGUAGES:
        assert len(list((tmp_path / "docs" / language).glob("*.md"))) == 14
    flat = json.dumps(nav)
    assert '"index.md"' in flat and '"print.md"' in flat and flat.count("page-") == 11


def test_search_indexes_are_found_per_language_or_shared(real_site, tmp_path):
    shared = bench.search_indexes(real_site)
    assert list(shared) == ["all languages"] or set(shared) == set(bench.LANGUAGES)
    # A build with an index per language (the default language's at the root).
    for folder in ["", "it/", "pl/"]:
        path = tmp_path / folder / "search" / "search_index.json"
        path.parent.mkdir(parents=True)
        path.write_text("{}", encoding="utf-8")
    assert sorted(bench.search_indexes(tmp_path)) == ["en", "it", "pl"]


def test_timed_builds_are_removed_but_the_one_kept(hook_timings):
    _, left = hook_timings
    assert left == {"site": True}


def test_the_bench_table_reports_every_measure_and_each_budget(hook_timings, scale_results, page_weights, real_site):
    (with_hooks, without), _ = hook_timings
    small, large = scale_results
    indexes = {label: (path.stat().st_size, bench.gzip_size(path.read_bytes()))
               for label, path in bench.search_indexes(real_site).items()}
    checks = bench.budgets(with_hooks, without, None, small, large, page_weights)
    assert [check.limit for check in checks] == [0.15, 1.5, 300_000, 30_000]
    assert checks[3].measured == 0  # no search index before search is opened
    assert checks[0].measured == with_hooks.cpu / without.cpu - 1  # without valgrind, CPU time is judged
    text = bench.table(with_hooks, without, None, small, large, indexes, page_weights, checks)
    assert "not counted: valgrind is not installed" in text
    lines = text.splitlines()
    assert lines[0].startswith("| Measure") and set(lines[1]) <= {"|", "-", " "}
    assert f"ratio {with_hooks.cpu / without.cpu:.3f}" in text
    for result in (small, large):
        assert f"{result.seconds_per_page * 1000:.1f} ms per page ({result.seconds_per_added_page * 1000:.1f} ms" in text
    for label in indexes:
        assert f"Search index, {label}" in text
    for weight in page_weights:
        assert f"First view of /{weight.path}" in text
    for check in checks:
        assert ("pass" if check.passed else "FAIL") in text
    assert text.count("≤") == 4


def test_instruction_counts_are_the_same_on_every_run_and_follow_the_work():
    if shutil.which("valgrind") is None:
        pytest.fail("valgrind is not installed: make bench counts instructions with it. "
                    "Install it with `apt-get install valgrind` (.ci/run does so when it is missing).")
    less = [sys.executable, "-c", "sum(range(10**4))"]
    more = [sys.executable, "-c", "sum(range(10**6))"]
    first, again, larger = bench.instructions(less), bench.instructions(less), bench.instructions(more)
    assert first == again
    assert larger > first + 10**6  # a million more additions cost more than one instruction each


def test_the_bench_judges_the_hooks_share_on_instructions_when_counted(hook_timings, scale_results, page_weights):
    (with_hooks, without), _ = hook_timings
    small, large = scale_results
    under, over = (bench.InstructionCounts(with_hooks=share, without=100) for share in (110, 120))
    for counts, verdict in ((under, "pass"), (over, "FAIL")):
        checks = bench.budgets(with_hooks, without, counts, small, large, page_weights)
        assert [check.limit for check in checks] == [0.15, 1.5, 300_000, 30_000]
        assert checks[0].measured == counts.ratio - 1
        assert ("pass" if checks[0].passed else "FAIL") == verdict
        text = bench.table(with_hooks, without, counts, small, large, {}, page_weights, checks)
        instructions_row = text.split("instructions, repeatable")[1].splitlines()[0]
        assert f"ratio {counts.ratio:.3f} ({counts.ratio - 1:+.1%})" in instructions_row
        assert f"≤ +15%: {verdict}" in instructions_row
        # The CPU ratio is shown, not judged.
        cpu_row = text.split("CPU time, varies from run to run")[1].splitlines()[0]
        assert f"ratio {with_hooks.cpu / without.cpu:.3f}" in cpu_row and "≤" not in cpu_row
        assert text.count("≤") == 4


def test_the_bench_times_saves_of_a_page_to_its_reloaded_view(tmp_path, browser):
    # The save-to-reload rows of make bench, on a copy of the real site. Not a
    # timed test (the budgets are make bench's): save_to_reload itself fails
    # when a save does not reload the page with the edit.
    config = bench.real_project(tmp_path / "project")
    result = bench.save_to_reload(config, bench.RELOAD_PAGE, 2, browser, "the real site", bench.RELOAD_BUDGET,
                                  pause=0.5)
    assert len(result.seconds) == 2 and all(seconds > 0 for seconds in result.seconds)
    assert (config.parent / "docs" / bench.RELOAD_PAGE).read_text(encoding="utf-8") == \
        (bench.REPO / "docs" / bench.RELOAD_PAGE).read_text(encoding="utf-8")  # the edit is undone
    [check] = bench.reload_budgets([result])
    assert check.limit == 1.0 and check.measured == result.median
    [row] = bench.reload_rows([result], [check])
    assert row[0].startswith("Save to reloaded page under make serve, the real site (median of 2 edits")
    assert row[2] == f"≤ 1.0 s: {'pass' if check.passed else 'FAIL'}"


@pytest.fixture(scope="module")
def first_searches(real_site, browser):
    return bench.first_search(real_site, "the real site", browser)


def test_a_first_search_on_the_real_site_downloads_pieces_of_its_language_index_and_finds_results(first_searches, real_site):
    assert [search.path for search in first_searches] == bench.home_paths()
    indexes = bench.search_indexes(real_site)
    for search, language in zip(first_searches, bench.LANGUAGES):
        whole = bench.gzip_size(indexes[language].read_bytes())
        # Some pieces of the index and the worker's scripts: less than the whole index would have been
        # with those scripts, and within the large size's budget.
        assert 0 < search.downloaded < whole + 60_000, (search.path, search.downloaded, whole)
        assert search.downloaded <= bench.FIRST_SEARCH_BUDGET
        assert search.seconds > 0
    rows = bench.search_rows(first_searches, bench.search_budgets(first_searches))
    assert len(rows) == len(first_searches) + 1  # each search, and the time budget (no large site here)
    assert rows[-1][0] == "First results after the last keystroke" and rows[-1][2].startswith("≤ 300 ms: ")


def test_the_copied_playbook_has_the_real_pages_with_ids_of_their_own(tmp_path):
    nav = bench.copied_docs(tmp_path / "docs", 30)
    for language in bench.LANGUAGES:
        assert len(list((tmp_path / "docs" / language).glob("*.md"))) == 30
    copy = (tmp_path / "docs" / "pl" / "copy-0001.md").read_text(encoding="utf-8")
    assert "{#" in copy and all(line.endswith("-c0001}") for line in copy.splitlines() if "{#" in line)
    assert "copy-0001.md" in json.dumps(nav) and "channels.md" in json.dumps(nav)
