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
