"""A copy of the project built with the mkdocs command, as an editor runs it,
for tests of bad input: the message, the exit status, no traceback, no site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PARTS = ("docs", "hooks", "overrides", "changes")


def project(root: Path, copied: tuple[str, ...] = (), mkdocs_yml: str | None = None) -> Path:
    """The project at ``root``: the parts in ``copied`` are copies a test may
    break, the others links to the real ones; ``mkdocs_yml`` replaces the config."""
    root.mkdir(parents=True)
    for part in PARTS:
        if part in copied:
            shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (root / part).symlink_to(REPO / part)
    (root / "mkdocs.yml").write_text(mkdocs_yml if mkdocs_yml is not None else (REPO / "mkdocs.yml").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    return root


def build(root: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` in the project, into ``root/site``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")],
        cwd=root, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def assert_refused(root: Path, result: subprocess.CompletedProcess, message: str) -> None:
    """The build failed with ``message`` in its output, without a traceback, and wrote no site."""
    assert result.returncode != 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert message in result.stderr, result.stderr
    assert not (root / "site").exists()


def line_of(text: str, fragment: str) -> int:
    """The line (1-based) of ``text`` on which ``fragment`` starts."""
    return text[: text.index(fragment)].count("\n") + 1
