"""What git knows about the sources: the date each file was last committed."""

from __future__ import annotations

import datetime as dt
import functools
import json
import subprocess


def _git(repo_dir: str, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", repo_dir, *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def head(repo_dir: str) -> str | None:
    out = _git(repo_dir, "rev-parse", "HEAD")
    return out.strip() if out else None


def last_commit_dates(repo_dir: str, folder: str = "docs") -> dict[str, dt.date]:
    """``{"docs/en/channels.md": date}``, from one ``git log``; empty outside git."""
    return dict(_last_commit_dates(repo_dir, folder, head(repo_dir)))


@functools.lru_cache(maxsize=8)
def _last_commit_dates(repo_dir: str, folder: str, _head: str | None) -> tuple:
    if _head is None:
        return ()
    out = _git(repo_dir, "log", "--format=@%cs", "--name-only", "--", folder) or ""
    dates: dict[str, dt.date] = {}
    current = None
    for line in out.splitlines():
        if line.startswith("@"):
            current = dt.date.fromisoformat(line[1:])
        elif line.strip() and current is not None:
            dates.setdefault(line.strip(), current)  # newest first: keep the first seen
    return tuple(dates.items())


def read_json(repo_dir: str, ref: str, path: str):
    """A JSON file as committed on ``ref``, or None when there is none."""
    out = _git(repo_dir, "show", f"{ref}:{path}")
    if out is None:
        return None
    try:
        return json.loads(out)
    except ValueError:
        return None
