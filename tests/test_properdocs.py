"""The second runner: ProperDocs (requirements-properdocs.txt, in
.venv-properdocs/, which make test creates) builds the same files as MkDocs
1.6.1, the same bytes apart from the generator tag."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

PROPERDOCS = REPO / ".venv-properdocs" / "bin" / "properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    assert PROPERDOCS.exists(), (
        f"{PROPERDOCS.relative_to(REPO)} is missing: make test creates it from requirements-properdocs.txt "
        "(or run: make .venv-properdocs/.installed)")
    site = tmp_path_factory.mktemp("properdocs") / "site"
    result = subprocess.run([str(PROPERDOCS), "build", "--strict", "--site-dir", str(site)], cwd=REPO,
                            capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                            timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def contents(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data  # the gzip header holds the build's time


def test_properdocs_builds_the_same_files_and_html_as_mkdocs(real_site, properdocs_site):
    assert files(properdocs_site) == files(real_site)
    generators = set()
    different = []
    for name in sorted(files(real_site)):
        ours, theirs = contents(real_site / name), contents(properdocs_site / name)
        generators.update(GENERATOR.findall(theirs))
        if GENERATOR.sub(b"", ours) != GENERATOR.sub(b"", theirs):
            different.append(name)
    assert different == []
    # It was ProperDocs that built it, and every page says so.
    assert generators == {b"mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1"}


def served_article(url: str) -> str:
    import urllib.request

    from bs4 import BeautifulSoup

    html = urllib.request.urlopen(url, timeout=30).read().decode("utf-8")
    return str(BeautifulSoup(html, "html.parser").select_one("article.md-content__inner"))


def test_properdocs_serves_the_built_pages_and_rebuilds_on_a_save(properdocs_site, tmp_path):
    """`properdocs serve`, as an editor would run it instead of make serve:
    every language's page as the build writes it, and a save is rebuilt."""
    import socket
    import time

    from html_pages import LANGUAGES, article, page_file
    from conftest import edit, project_sandbox

    root = project_sandbox(tmp_path / "project")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = open(tmp_path / "serve.log", "w", encoding="utf-8")
    server = subprocess.Popen([str(PROPERDOCS), "serve", "--strict", "-a", f"127.0.0.1:{port}"], cwd=root,
                              stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8")[-3000:]
            try:
                served_article(f"{url}/pl/channels/")
                break
            except OSError:
                assert time.monotonic() < deadline, "properdocs serve did not answer"
                time.sleep(0.5)
        for language in LANGUAGES:
            prefix = "" if language == "en" else f"{language}/"
            built = str(article(page_file(properdocs_site, "channels", language)))
            assert served_article(f"{url}/{prefix}channels/") == built, language
        edit(root / "docs" / "pl" / "channels.md", "\n## ", "\nZapisano w podglądzie ProperDocs.\n\n## ")
        deadline = time.monotonic() + 300
        while "Zapisano w podglądzie ProperDocs." not in served_article(f"{url}/pl/channels/"):
            assert server.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8")[-3000:]
            assert time.monotonic() < deadline, "the save was not rebuilt"
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
