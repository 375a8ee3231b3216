"""Shared fixtures: real in-process builds of the site into temporary folders."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

# From scripts/, shared with make bench.
from ensure_browser import BROWSER_ARGS, system_chromium
from static_host import StaticHost  # noqa: F401 (serves a folder like a static host)

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


def build_site(site_dir: Path, docs_dir: Path | None = None, config_file: Path | None = None, **overrides) -> Path:
    """Build with the real mkdocs.yml (or ``config_file``), strict; ``overrides`` replace its keys.

    This is how mkdocs-static-i18n's own tests build: load_config + build.
    A failed build raises BuildFailed with the messages an editor would see.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    if docs_dir is not None:
        overrides["docs_dir"] = str(docs_dir)
    config_file = config_file or REPO / "mkdocs.yml"
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True, **overrides)
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


def project_copy(root: Path, mkdocs_yml: str) -> Path:
    """A project beside the real one with its own mkdocs.yml; docs, hooks and
    the rest are links to the real ones. Returns the config file's path."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "hooks", "overrides", "changes"):
        (root / name).symlink_to(REPO / name)
    config_file = root / "mkdocs.yml"
    config_file.write_text(mkdocs_yml, encoding="utf-8")
    return config_file


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


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

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


@pytest.fixture(scope="session")
def served_site(real_site):
    host = StaticHost(real_site)
    yield host.url
    host.close()
