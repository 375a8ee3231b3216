"""Search quality and index size, per language.

    make search-report                          # builds site/ first
    .venv/bin/python scripts/search_report.py site

For every language: recall@5 of the query set in tests/search_queries/<lang>.yml
(the share of queries whose expected section is among the first five results)
and the bytes of the language's search index against one combined index with
every language in it, which is what the stock Material + i18n set-up ships to
every reader.

The queries run in Chromium through the site's own search: the page's search
worker (Material's worker with the playbook's word forms) and the language's
index, on the built site served on 127.0.0.1, so the ranking is the one
readers get. ``recall()`` and ``index_sizes()`` are for other tools (a
benchmark) to import.
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
CONFIG_FILE = REPO / "mkdocs.yml"
TOP = 5


@dataclass(frozen=True)
class Query:
    text: str
    expect: str  # "page/#section-id", relative to the language's folder
    line: int


@dataclass
class Recall:
    language: str
    hits: int = 0
    misses: list[tuple[Query, list[str]]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.hits + len(self.misses)

    @property
    def share(self) -> float:
        return self.hits / self.total if self.total else 0.0


# Query sets ---------------------------------------------------------------

def load_queries(text: str, source: str) -> list[Query]:
    """Parse a query set: a YAML list of ``{query: ..., expect: page/#section-id}``."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        raise PlaybookError(f"{source}: not valid YAML: {error}") from None
    example = "- query: reply time email\n    expect: channels/#email-response"
    if root is None or not isinstance(root, yaml.SequenceNode):
        raise PlaybookError(f"{source}:1: expected a list of queries, each like\n  {example}")
    queries = []
    for item in root.value:
        line = item.start_mark.line + 1
        values = yaml.safe_load(yaml.serialize(item)) if isinstance(item, yaml.MappingNode) else None
        if not isinstance(values, dict) or set(values) != {"query", "expect"}:
            raise PlaybookError(f"{source}:{line}: each entry needs exactly 'query' and 'expect', like\n  {example}")
        text_, expect = values["query"], values["expect"]
        if not isinstance(text_, str) or not text_.strip():
            raise PlaybookError(f"{source}:{line}: 'query' must be the text a reader types.")
        if not isinstance(expect, str) or "#" not in expect or expect.startswith(("/", "#")):
            raise PlaybookError(
                f"{source}:{line}: 'expect' must be a section as 'page/#section-id' (e.g. channels/#email-response), "
                f"got {expect!r}."
            )
        queries.append(Query(text_.strip(), expect, line))
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


def query_sets(queries_dir: Path = QUERIES_DIR) -> dict[str, tuple[str, list[Query]]]:
    """``{language: (source, queries)}`` for every ``<language>.yml`` in the folder."""
    sets = {}
    for path in sorted(queries_dir.glob("*.yml")):
        source = path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else str(path)
        sets[path.stem] = (source, load_queries(path.read_text(encoding="utf-8"), source))
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


# Recall -------------------------------------------------------------------

# In the open page: the worker its search uses and the language's index
# (playbook-search.js has set both), or a given index, sent the messages
# Material's bundle sends. The results are ranked by the worker's scores
# (Material's ranking, before it groups them by page for display); pages that
# it only adds as group headings (score 0) are not results.
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
    results.push(data.items.flat()
      .filter(item => item.score > 0)
      .sort((a, b) => b.score - a.score)
      .map(item => item.location))
  }
  worker.terminate()
  return results
}
"""


def search_in_page(page, queries: list[str], index: dict | None = None) -> list[list[str]]:
    """The result locations, best first, for each query, through the search of
    the page open in the Playwright ``page`` (with its own index, or ``index``)."""
    return page.evaluate(_RUN_QUERIES, {"queries": queries, "index": index})


def language_home(base_url: str, language: str, default: str) -> str:
    return f"{base_url.rstrip('/')}/" + ("" if language == default else f"{language}/")


def recall(site_dir: Path | None = None, *, base_url: str | None = None, browser=None,
           queries_dir: Path = QUERIES_DIR, config_file: Path = CONFIG_FILE, top: int = TOP) -> dict[str, Recall]:
    """Recall@top per language for the query sets, on a built site.

    Give ``site_dir`` (served here) or ``base_url`` of a served build, and
    optionally a Playwright ``browser`` (a Chromium is launched otherwise).
    """
    if site_dir is None and base_url is None:
        raise TypeError("recall() needs site_dir or base_url")
    languages, default = site_languages(config_file)
    sets = query_sets(queries_dir)
    unknown = sorted(set(sets) - set(languages))
    if unknown:
        raise PlaybookError(f"{sets[unknown[0]][0]}: '{unknown[0]}' is not a language of the site ({', '.join(languages)}).")
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
            if language not in sets:
                continue
            source, queries = sets[language]
            prefix = "" if language == default else f"{language}/"
            if site_dir is not None:
                locations = {doc["location"][len(prefix):] for doc in read_index(site_dir, language, default)["docs"]}
                check_expectations(queries, locations, source)
            page.goto(language_home(base_url, language, default))
            results = search_in_page(page, [query.text for query in queries])
            outcome = Recall(language)
            for query, locations in zip(queries, results):
                shown = [location[len(prefix):] for location in locations[:top]]
                if query.expect in shown:
                    outcome.hits += 1
                else:
                    outcome.misses.append((query, shown))
            report[language] = outcome
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

def report_text(recalls: dict[str, Recall], sizes: dict[str, int], top: int = TOP) -> str:
    combined = sizes["combined"]
    lines = [f"{'language':<10}{f'recall@{top}':>12}{'queries':>9}{'index bytes':>13}{'of combined':>13}"]
    for language, outcome in recalls.items():
        lines.append(f"{language:<10}{outcome.share:>12.0%}{outcome.total:>9}{sizes[language]:>13,}"
                     f"{sizes[language] / combined:>13.0%}")
    lines.append(f"{'combined':<10}{'':>12}{'':>9}{combined:>13,}{'100%':>13}")
    for outcome in recalls.values():
        for query, shown in outcome.misses:
            lines.append(f"  missed ({outcome.language}) '{query.text}' -> {query.expect}; top {top}: {', '.join(shown) or 'nothing'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="a built site, e.g. site/ from make build")
    args = parser.parse_args(argv)
    try:
        sizes = index_sizes(args.site_dir)
        recalls = recall(args.site_dir)
    except PlaybookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(report_text(recalls, sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
