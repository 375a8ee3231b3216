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
    from mkdocs.exceptions import Abort, ConfigurationError

    if docs_dir is not None:
        overrides["docs_dir"] = str(docs_dir)
    config_file = config_file or REPO / "mkdocs.yml"
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True, **overrides)
    except ConfigurationError as error:  # the CLI prints it as "Error: …", without a traceback
        raise BuildFailed(str(error)) from None
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


# The front matter every English page starts with: its owner (a role under
# extra.company.owners in mkdocs.yml) and its last review.
REVIEWED = "---\nowner: playbook_editor\nreviewed: 2026-11-20\n---\n\n"


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


def project_sandbox(root: Path) -> Path:
    """A copy of the project that a test may change anywhere (mkdocs.yml,
    docs/, overrides/, changes/); hooks/ is the real one. Returns the root;
    build it with ``build_site(..., config_file=root / "mkdocs.yml")``."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "overrides", "changes"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "hooks").symlink_to(REPO / "hooks")
    return root


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in a file with ``new``; returns the line of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


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


# Publishing: a copy of the project in a temporary git repository, published
# with the real scripts/publish.py (real mike, real git).

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Playbook Tests", "GIT_AUTHOR_EMAIL": "tests@brightwater.example",
    "GIT_COMMITTER_NAME": "Playbook Tests", "GIT_COMMITTER_EMAIL": "tests@brightwater.example",
}
PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "hooks", "changes", "scripts", ".gitignore"]


def git(repo: Path, *args: str) -> str:
    import subprocess

    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                            env={**os.environ, **GIT_IDENTITY})
    assert result.returncode == 0, result.stderr
    return result.stdout


def project_repo(target: Path) -> Path:
    """The project's files (as they are in the work tree) in a new git repository."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    git(target, "init", "-q", "-b", "main")
    commit(target, "The playbook")
    return target


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def publish(repo: Path, *args: str):
    """Run the repository's own scripts/publish.py; returns the CompletedProcess."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, str(repo / "scripts" / "publish.py"), *args], cwd=repo,
                          capture_output=True, text=True, env={**os.environ, **GIT_IDENTITY})


def published(repo: Path, *args: str) -> None:
    result = publish(repo, *args)
    assert result.returncode == 0, result.stdout + result.stderr


GLOSSARY = REVIEWED + "# Glossary\n\n## Terms {#glossary-terms}\n\nA page that only 2.0 and later have.\n"
# 2.0 changes a section that 1.0 readers may have been sent to.
CHANNELS_CHANGE = """date: 2026-11-21
affects: [complaints#complaint-channels]
summary:
  en: Complaints can now also be made by chat.
  pl: Reklamacje można teraz składać także na czacie.
"""
# 3.0 renames a section id and moves a page address, declaring both.
REDIRECTS = """  redirects:
    pages:
      questions: faq
    sections:
      complaint-logging: complaint-registration
"""


def declare_redirects(repo: Path, block: str) -> None:
    """Replace mkdocs.yml's extra.redirects block with ``block``."""
    import re

    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    config, count = re.subn(r"^  redirects:\n(    .*\n)+", lambda _: block, config, count=1, flags=re.M)
    assert count == 1, "mkdocs.yml has no extra.redirects block"
    (repo / "mkdocs.yml").write_text(config, encoding="utf-8")


def rename_section(repo: Path, old: str, new: str) -> None:
    for path in (repo / "docs").glob("*/*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"{{#{old}}}", f"{{#{new}}}"), encoding="utf-8")


@pytest.fixture(scope="session")
def published_repo(tmp_path_factory) -> Path:
    """Versions 1.0; 2.0 (adds a glossary page, changes #complaint-channels);
    3.0, latest (renames #complaint-logging, moves questions/ to faq/, both
    declared as redirects); and a hidden preview pr-7."""
    repo = project_repo(tmp_path_factory.mktemp("publishing") / "repo")
    published(repo, "deploy", "1.0")
    (repo / "docs" / "en" / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
    (repo / "changes" / "2026-11-chat-complaints.yml").write_text(CHANNELS_CHANGE, encoding="utf-8")
    commit(repo, "Glossary")
    published(repo, "deploy", "2.0")
    rename_section(repo, "complaint-logging", "complaint-registration")
    declare_redirects(repo, REDIRECTS)
    commit(repo, "Rename a section, move a page")
    published(repo, "deploy", "3.0")
    published(repo, "deploy", "pr-7", "--alias", "", "--kind", "preview")
    return repo


def export_branch(repo: Path, target: Path, branch: str = "gh-pages") -> Path:
    """The published branch's files, as a static host would serve them."""
    import subprocess
    import tarfile
    import io

    archive = subprocess.run(["git", "-C", str(repo), "archive", branch], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="tar")
    return target


@pytest.fixture(scope="session")
def served_branch(published_repo, tmp_path_factory):
    host = StaticHost(export_branch(published_repo, tmp_path_factory.mktemp("branch")))
    yield host.url
    host.close()


# Addresses that try to leave the built site, sent as written (a browser would
# tidy the dots away; an attacker's client does not). Each gets the 404 page,
# and nothing of the planted file, of mkdocs.yml or of /etc comes back.
LEAVING_THE_SITE = [
    "/../../../../../../../../../../../..{secret}",
    "/../../../../../../../../../../../..{secret_dir}/",
    "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/pl/../../../../../../../../../../../..{secret}",
    "/../../../../../../../../../../../../etc/passwd",
    "/..%5c..%5c..%5cmkdocs.yml",
    "/..:mkdocs.yml",
    "/latest/../../../.git/config",
    "/..%2f..%2f.git%2fconfig",
    "/main:mkdocs.yml",
]


def raw_get(url: str, path: str, header: str = "Location") -> tuple[int, bytes, str | None]:
    """GET ``path`` exactly as written (urllib would tidy it): status, body, one header."""
    import http.client
    from urllib.parse import urlsplit

    connection = http.client.HTTPConnection(urlsplit(url).netloc, timeout=30)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        answer = connection.getresponse()
        return answer.status, answer.read(), answer.getheader(header)
    finally:
        connection.close()


def assert_no_address_leaves_the_site(url: str, tmp_path: Path, not_found: bytes | None = None) -> Path:
    """Send every LEAVING_THE_SITE address to the server at ``url``: each is
    refused, and nothing of a file planted outside the site, of mkdocs.yml, of
    .git or of /etc comes back (with ``not_found``: a 404 is that page).
    Returns the planted file."""
    secret = tmp_path / "outside" / "index.html"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text("<html><body>PLANTED-OUTSIDE-THE-SITE</body></html>", encoding="utf-8")
    for template in LEAVING_THE_SITE:
        path = template.format(secret=secret, secret_dir=secret.parent)
        status, body, _ = raw_get(url, path)
        assert status in (400, 404), (path, status)
        assert b"PLANTED-OUTSIDE-THE-SITE" not in body, path
        assert b"root:" not in body and b"site_name" not in body and b"[core]" not in body, path
        if not_found is not None and status == 404:
            assert body == not_found, path
    return secret
