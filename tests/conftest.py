"""Shared fixtures: real in-process builds of the site into temporary folders."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class BuildFailed(Exception):
    """The build stopped; the message is what MkDocs logged as errors and warnings."""


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_site(site_dir: Path, docs_dir: Path | None = None, **overrides) -> Path:
    """Build with the real mkdocs.yml (strict); ``overrides`` replace its keys.

    This is how mkdocs-static-i18n's own tests build: load_config + build.
    A failed build raises BuildFailed with the messages an editor would see.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    if docs_dir is not None:
        overrides["docs_dir"] = str(docs_dir)
    config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(site_dir), strict=True, **overrides)
    collect = _Collect()
    logging.getLogger("mkdocs").addHandler(collect)
    try:
        build(config)
    except Abort as error:
        raise BuildFailed("\n".join(collect.messages + [str(error)])) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(collect)
        # MkDocs leaves its warning counter attached after a failed build.
        for handler in list(logging.getLogger("mkdocs").handlers):
            if type(handler).__name__ == "CountHandler":
                logging.getLogger("mkdocs").removeHandler(handler)
    return site_dir


def write_docs(root: Path, pages: dict[str, str]) -> Path:
    """Write ``{"en/index.md": "...", ...}`` under ``root`` and return it."""
    for relative, text in pages.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real playbook, built once for the whole session."""
    return build_site(tmp_path_factory.mktemp("real") / "site")


@pytest.fixture
def fixture_docs(tmp_path) -> Path:
    """A copy of the real docs/ that a test may break."""
    target = tmp_path / "docs"
    shutil.copytree(REPO / "docs", target)
    return target


# Browser tests: a real Chromium driven by Playwright, against a site served
# on 127.0.0.1 the way a static host serves it.

BROWSER_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from ensure_browser import system_chromium

    executable = system_chromium()  # None: Playwright's own, installed by scripts/ensure_browser.py
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=BROWSER_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


class StaticHost:
    """Serves a folder on 127.0.0.1 like a static host: a missing path gets /404.html."""

    def __init__(self, root: Path):
        import functools
        import http.server
        import threading

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def send_error(self, code, message=None, explain=None):
                page = root / "404.html"
                if code != 404 or not page.exists():
                    return super().send_error(code, message, explain)
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def served_site(real_site):
    host = StaticHost(real_site)
    yield host.url
    host.close()
