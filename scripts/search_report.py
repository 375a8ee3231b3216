"""Search quality and index size, per language.

    make search-report                          # builds site/ first
    .venv/bin/python scripts/search_report.py site [--misses tuning]

For every language, measured the way a reader sees it: each query of
tests/search_queries/<lang>.yml is typed into the site's own search dialog
in Chromium (Material's dialog, the page's search worker and the language's
index, on the built site served on 127.0.0.1), and the links of the result
list are read as shown, top to bottom. For each half of the set (tuning,
check) it prints recall@5 (the share of queries whose expected section is
among the first five links) and MRR@10 (the mean of 1/place among the first
ten), then the queries that missed. The project's own queries
(tests/search_queries/own/) are a regression set, reported beside them and
never counted in the figure. Also the bytes of each language's index against
one combined index, which is what the stock Material + i18n set-up ships.

Tune ranking by the tuning half's misses only (``--misses tuning``); the
check half is what the test asserts and the README reports.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))
sys.path.insert(0, str(REPO / "scripts"))

from playbook.errors import PlaybookError  # noqa: E402
from playbook.search import index_path  # noqa: E402
from site_config import site_languages  # noqa: E402

QUERIES_DIR = REPO / "tests" / "search_queries"
OWN_QUERIES_DIR = QUERIES_DIR / "own"  # the project's own queries: a regression set, not the figure
CONFIG_FILE = REPO / "mkdocs.yml"
TOP = 5
MRR_DEPTH = 10


HALVES = ("tuning", "check")
KINDS = ("plain", "synonym", "question", "inflected", "short", "value", "typo")


@dataclass(frozen=True)
class Query:
    text: str
    expect: str  # "page/#section-id", relative to the language's folder
    line: int
    half: str | None = None  # "tuning" or "check" in a reader set; None in the regression set
    kind: str | None = None


@dataclass
class Score:
    """Recall@5 and MRR@10 of one half (or one regression set) of a language."""
    language: str
    half: str | None
    ranks: list[int | None] = field(default_factory=list)  # the expected section's place, 1-based, or None
    misses: list[tuple[Query, list[str]]] = field(default_factory=list)  # beyond the first five

    @property
    def total(self) -> int:
        return len(self.ranks)

    @property
    def hits(self) -> int:
        return sum(1 for rank in self.ranks if rank is not None and rank <= TOP)

    @property
    def share(self) -> float:
        """Recall@5: the share of queries whose section is among the first five shown."""
        return self.hits / self.total if self.total else 0.0

    @property
    def mrr(self) -> float:
        """MRR@10: the mean of 1/place of the section among the first ten shown (0 beyond)."""
        return sum(1 / rank for rank in self.ranks if rank is not None and rank <= MRR_DEPTH) / self.total if self.total else 0.0

    def add(self, query: Query, shown: list[str]) -> None:
        rank = shown.index(query.expect) + 1 if query.expect in shown else None
        self.ranks.append(rank)
        if rank is None or rank > TOP:
            self.misses.append((query, shown[:TOP]))


# Query sets ---------------------------------------------------------------

READER_EXAMPLE = ("- query: how fast do we answer emails\n    expect: channels/#email-response\n"
                  "    half: tuning\n    kind: question")
OWN_EXAMPLE = "- query: reply time email\n    expect: channels/#email-response"


def load_queries(text: str, source: str, *, halves: bool = False) -> list[Query]:
    """Parse a query set: a YAML list of ``{query: ..., expect: page/#section-id}``,
    each also with ``half`` (tuning or check) and ``kind`` in a reader set (``halves``)."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        raise PlaybookError(f"{source}: not valid YAML: {error}") from None
    example = READER_EXAMPLE if halves else OWN_EXAMPLE
    keys = {"query", "expect", "half", "kind"} if halves else {"query", "expect"}
    if root is None or not isinstance(root, yaml.SequenceNode):
        raise PlaybookError(f"{source}:1: expected a list of queries, each like\n  {example}")
    queries = []
    for item in root.value:
        line = item.start_mark.line + 1
        values = yaml.safe_load(yaml.serialize(item)) if isinstance(item, yaml.MappingNode) else None
        if not isinstance(values, dict) or set(values) != keys:
            wanted = "'query', 'expect', 'half' and 'kind'" if halves else "'query' and 'expect'"
            raise PlaybookError(f"{source}:{line}: each entry needs exactly {wanted}, like\n  {example}")
        text_, expect = values["query"], values["expect"]
        if not isinstance(text_, str) or not text_.strip():
            raise PlaybookError(f"{source}:{line}: 'query' must be the text a reader types.")
        if not isinstance(expect, str) or "#" not in expect or expect.startswith(("/", "#")):
            raise PlaybookError(
                f"{source}:{line}: 'expect' must be a section as 'page/#section-id' (e.g. channels/#email-response), "
                f"got {expect!r}."
            )
        half = kind = None
        if halves:
            half, kind = values["half"], values["kind"]
            if half not in HALVES:
                raise PlaybookError(f"{source}:{line}: 'half' must be 'tuning' or 'check', got {half!r}.")
            if not isinstance(kind, str) or not kind.strip():
                raise PlaybookError(f"{source}:{line}: 'kind' must say what the query tests, e.g. {', '.join(KINDS)}.")
        queries.append(Query(text_.strip(), expect, line, half, kind))
    if not queries:
        raise PlaybookError(f"{source}:1: the query set is empty; add queries like\n  {example}")
    return queries


def check_expectations(queries: list[Query], locations: set[str], source: str) -> None:
    """Each expected section must exist in the language's index."""
    for query in queries:
        if query.expect not in locations:
            near = sorted(loc for loc in locations if loc.split("#")[-1] == query.expect.split("#")[-1])
            hint = f" Did you mean '{near[0]}'?" if near else " Use a page and a section id from that language's pages."
            raise PlaybookError(f"{source}:{query.line}: the expected section '{query.expect}' is not in the search index.{hint}")


def query_sets(queries_dir: Path = QUERIES_DIR, *, halves: bool = True) -> dict[str, tuple[str, list[Query]]]:
    """``{language: (source, queries)}`` for every ``<language>.yml`` in the folder:
    the readers' sets (with halves) in tests/search_queries/, the project's own
    regression set (``halves=False``) in tests/search_queries/own/."""
    sets = {}
    for path in sorted(queries_dir.glob("*.yml")):
        source = path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else str(path)
        sets[path.stem] = (source, load_queries(path.read_text(encoding="utf-8"), source, halves=halves))
    return sets


# Index sizes --------------------------------------------------------------

def read_index(site_dir: Path, language: str, default: str) -> dict:
    path = Path(site_dir) / index_path(language, default)
    if not path.is_file():
        raise PlaybookError(f"{path}: no search index for '{language}'. Build the site first (make build).")
    return json.loads(path.read_text(encoding="utf-8"))


def index_sizes(site_dir: Path, config_file: Path = CONFIG_FILE) -> dict[str, int]:
    """Bytes of each language's index, and ``"combined"``: one index with every
    language's documents, as the stock set-up writes it."""
    languages, default = site_languages(config_file)
    sizes, documents, config = {}, [], None
    for language in languages:
        index = read_index(site_dir, language, default)
        sizes[language] = (Path(site_dir) / index_path(language, default)).stat().st_size
        documents += index["docs"]
        config = config or index["config"]
    sizes["combined"] = len(json.dumps({"config": config, "docs": documents}, separators=(",", ":")).encode("utf-8"))
    return sizes


# Measuring ----------------------------------------------------------------

# What the reader sees: each query typed into the open search box of the page,
# and the links of Material's result list as it shows them, top to bottom.
# Left out: a page heading that only groups sections (Material adds it with
# score 0 when the page itself did not match) and sections folded away under
# "N more on this page" (a closed <details>).
_SHOWN = """
async ({queries, timeout}) => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const placeholder = config.translations["search.result.placeholder"].trim()
  const box = document.querySelector("input.md-search__input")
  const meta = document.querySelector(".md-search-result__meta")
  const list = document.querySelector(".md-search-result__list")
  const home = new URL(".", location)
  const until = (test, what) => new Promise((resolve, reject) => {
    const start = performance.now()
    const poll = () => test() ? resolve() : performance.now() - start > timeout
      ? reject(new Error(`search did not answer within ${timeout} ms: ${what}`)) : setTimeout(poll, 2)
    poll()
  })
  const type = value => {
    box.value = value
    box.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}))  // Material searches on key up
  }
  const results = []
  for (const query of queries) {
    type("")
    await until(() => meta.textContent.trim() === placeholder && !list.children.length, "clearing the box")
    type(query)
    await until(() => meta.textContent.trim() !== placeholder, query)
    results.push([...list.querySelectorAll("a.md-search-result__link")]
      .filter(link => !link.closest("details:not([open])"))
      .filter(link => link.querySelector("article").dataset.mdScore !== "0.00")
      .map(link => {
        const url = new URL(link.href)
        return (url.pathname.startsWith(home.pathname) ? url.pathname.slice(home.pathname.length) : url.pathname) + url.hash
      }))
  }
  return results
}
"""


def shown_in_page(page, queries: list[str], timeout_ms: int = 10000) -> list[list[str]]:
    """For each query, the result links as the search dialog of the open page
    (a language's home) shows them, relative to that page: ``channels/#email-response``."""
    texts = json.loads(page.locator("#__config").text_content())["translations"]
    box = page.locator("input.md-search__input")
    box.click()  # opens the dialog; the box answers once the index is ready
    page.locator(".md-search-result__meta").filter(has_text=texts["search.result.placeholder"]).wait_for()
    return page.evaluate(_SHOWN, {"queries": queries, "timeout": timeout_ms})


# The worker alone, with a given index: the messages Material's bundle sends,
# and its results in the order of the worker's groups (the order shown, with
# nothing folded away); pages only added as group headings (score 0) left out.
_RUN_QUERIES = """
async ({queries, index}) => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  if (!index) {
    const script = document.querySelector("script[data-index][data-worker]")
    index = await (await fetch(new URL(script.dataset.index, location))).json()
  }
  const worker = new Worker(config.search)
  const reply = () => new Promise((resolve, reject) => {
    worker.onmessage = event => resolve(event.data)
    worker.onerror = event => reject(new Error(event.message))
  })
  const ready = reply()
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs,
                      options: {suggest: config.features.includes("search.suggest")}}})
  await ready
  const results = []
  for (const query of queries) {
    const result = reply()
    worker.postMessage({type: 2, data: query})
    const {data} = await result
    results.push(data.items.map(group => {
      const page = group.find(item => !item.location.includes("#"))
      return [page, ...group.filter(item => item !== page)]
    }).flat().filter(item => item.score > 0).map(item => item.location))
  }
  worker.terminate()
  return results
}
"""


def search_in_page(page, queries: list[str], index: dict | None = None) -> list[list[str]]:
    """The result locations, in the order shown, for each query, through the
    search worker of the page open in the Playwright ``page`` (with its own
    index, or ``index``)."""
    return page.evaluate(_RUN_QUERIES, {"queries": queries, "index": index})


def language_home(base_url: str, language: str, default: str) -> str:
    return f"{base_url.rstrip('/')}/" + ("" if language == default else f"{language}/")


def home_as_index(location: str) -> str:
    """The home page's sections as a query set names them: ``index/#welcome-mission``
    for the index's ``#welcome-mission``."""
    return f"index/{location}" if location.startswith("#") or location == "" else location


REGRESSION = "own"  # the half name the project's own regression set is reported under


def measure(site_dir: Path | None = None, *, base_url: str | None = None, browser=None,
            queries_dir: Path = QUERIES_DIR, config_file: Path = CONFIG_FILE,
            regression_dir: Path | None = OWN_QUERIES_DIR) -> dict[str, dict[str, Score]]:
    """``{language: {half: Score}}`` on a built site, in display order: the
    readers' sets by half (tuning, check) and the project's own regression set
    (under ``"own"``, never part of the figure).

    Give ``site_dir`` (served here) or ``base_url`` of a served build, and
    optionally a Playwright ``browser`` (a Chromium is launched otherwise).
    """
    if site_dir is None and base_url is None:
        raise TypeError("measure() needs site_dir or base_url")
    languages, default = site_languages(config_file)
    sets = query_sets(queries_dir)
    own = query_sets(regression_dir, halves=False) if regression_dir is not None and regression_dir.is_dir() else {}
    for found in (sets, own):
        unknown = sorted(set(found) - set(languages))
        if unknown:
            raise PlaybookError(f"{found[unknown[0]][0]}: '{unknown[0]}' is not a language of the site ({', '.join(languages)}).")
    with contextlib.ExitStack() as stack:
        if base_url is None:
            base_url = stack.enter_context(serve(site_dir))
        if browser is None:
            browser = stack.enter_context(chromium())
        context = browser.new_context()
        stack.callback(context.close)
        page = context.new_page()
        report = {}
        for language in languages:
            queries = [(source, query) for found in (sets, own) if language in found
                       for source, queries in [found[language]] for query in queries]
            if not queries:
                continue
            if site_dir is not None:
                prefix = "" if language == default else f"{language}/"
                locations = {home_as_index(doc["location"][len(prefix):])
                             for doc in read_index(site_dir, language, default)["docs"]}
                for source, query in queries:
                    check_expectations([query], locations, source)
            page.goto(language_home(base_url, language, default))
            shown = shown_in_page(page, [query.text for _, query in queries])
            scores = report[language] = {}
            for (_, query), links in zip(queries, shown):
                half = query.half or REGRESSION
                scores.setdefault(half, Score(language, half)).add(query, [home_as_index(link) for link in links])
    return report


@contextlib.contextmanager
def serve(site_dir: Path):
    """The built site on 127.0.0.1, as a static host serves it."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    from ensure_browser import system_chromium

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=system_chromium(), headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        try:
            yield browser
        finally:
            browser.close()


# Command ------------------------------------------------------------------

BUDGET_RECALL = 0.85  # of the check half, in every language
BUDGET_MRR = 0.6


def report_text(scores: dict[str, dict[str, Score]], sizes: dict[str, int], misses: str = "all") -> str:
    """One row per language and half, the index sizes, then the misses
    (``misses``: "all", a half's name, or "none")."""
    combined = sizes["combined"]
    lines = [f"{'language':<10}{'half':<8}{'queries':>8}{f'recall@{TOP}':>11}{f'MRR@{MRR_DEPTH}':>9}"
             f"{'index bytes':>13}{'of combined':>13}"]
    for language, halves in scores.items():
        for number, half in enumerate(sorted(halves, key=lambda name: (HALVES + (REGRESSION,)).index(name))):
            score = halves[half]
            size = f"{sizes[language]:>13,}{sizes[language] / combined:>13.0%}" if number == 0 else ""
            lines.append(f"{language:<10}{half:<8}{score.total:>8}{score.share:>11.0%}{score.mrr:>9.2f}{size}")
    lines.append(f"{'combined':<10}{'':<8}{'':>8}{'':>11}{'':>9}{combined:>13,}{'100%':>13}")
    check = [halves["check"] for halves in scores.values() if "check" in halves]
    if check:
        weak = [s.language for s in check if s.share < BUDGET_RECALL or s.mrr < BUDGET_MRR]
        lines.append(f"check half, budget recall@{TOP} >= {BUDGET_RECALL:.0%} and MRR@{MRR_DEPTH} >= {BUDGET_MRR}: "
                     + (f"below in {', '.join(weak)}" if weak else "met in every language"))
    for halves in scores.values():
        for half, score in halves.items():
            if misses not in ("all", half):
                continue
            for query, shown in score.misses:
                lines.append(f"  missed ({score.language}, {half}) '{query.text}' -> {query.expect}; "
                             f"top {TOP}: {', '.join(shown) or 'nothing'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="a built site, e.g. site/ from make build")
    parser.add_argument("--misses", choices=("all", *HALVES, REGRESSION, "none"), default="all",
                        help="whose misses to list (tune by the tuning half's only)")
    args = parser.parse_args(argv)
    try:
        sizes = index_sizes(args.site_dir)
        scores = measure(args.site_dir)
    except PlaybookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(report_text(scores, sizes, args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
