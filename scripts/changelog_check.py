"""Pull-request check: a change to docs/ needs a new file in changes/.

    python scripts/changelog_check.py --base origin/main [--labels '["no-changelog"]']

Exits 1 with a message that says how to add an entry; a pull request
labelled ``no-changelog`` (typo fixes) is exempt. Bad arguments (a base
starting with "-", labels that are not a JSON list of names) exit 2.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from git_ref import checked_ref  # noqa: E402
from playbook.changelog import pull_request_problem  # noqa: E402
from playbook.errors import PlaybookError  # noqa: E402

CHANGES_DIR = "changes"
BASE_EXAMPLE = "origin/main (make changelog-check BASE=origin/main)"


def changed_files(base: str, repo: Path) -> list[tuple[str, str]]:
    # --end-of-options: whatever base is, git reads it as a revision.
    result = subprocess.run(
        ["git", "-C", str(repo), "diff", "--name-status", "--no-renames", "--end-of-options", f"{base}...HEAD"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise PlaybookError(
            f"git cannot compare --base {base[:80]!r} with HEAD: {result.stderr.strip()[:300]}\n"
            f"Give the branch the pull request merges into, for example {BASE_EXAMPLE}, "
            "in a clone with its whole history (fetch-depth: 0).")
    return [tuple(line.split("\t", 1)) for line in result.stdout.splitlines() if "\t" in line]


def read_by_the_build(path: str) -> bool:
    """Whether the build reads this file as a changelog entry: it reads
    changes/*.yml (Python's glob, which leaves out names starting with ".")."""
    entry = PurePosixPath(path)
    return entry.parent == PurePosixPath(CHANGES_DIR) and entry.suffix == ".yml" and not entry.name.startswith(".")


def parse_labels(text: str) -> list[str]:
    """The pull request's labels, given as the JSON list that GitHub's toJSON() writes."""
    fix = 'Give them as a JSON list of names, as in LABELS=\'["no-changelog"]\'.'
    try:
        labels = json.loads(text or "[]")
    except ValueError as error:
        raise PlaybookError(f"--labels {text[:80]!r} is not valid JSON ({error}). {fix}") from None
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise PlaybookError(f"--labels {text[:80]!r} is not a list of label names. {fix}")
    return labels


def check(base: str, labels_text: str, repo: Path) -> str | None:
    """Why the pull request needs a changelog entry, or None; PlaybookError for bad arguments."""
    labels = parse_labels(labels_text)
    changed = changed_files(checked_ref("--base", base, BASE_EXAMPLE), repo)
    ignored = [path for _, path in changed if path.startswith(f"{CHANGES_DIR}/") and not read_by_the_build(path)]
    problem = pull_request_problem([(status, path) for status, path in changed if path not in ignored], labels)
    if problem and ignored:
        problem += (f"\n{', '.join(ignored[:5])}: not read by the build, which reads only files directly in "
                    f"{CHANGES_DIR}/ whose names end in .yml and do not start with '.'.")
    return problem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the branch the pull request merges into, e.g. origin/main")
    parser.add_argument("--labels", default="[]", help="the pull request's labels as a JSON list")
    parser.add_argument("--repo", type=Path, default=REPO)
    args = parser.parse_args(argv)
    try:
        problem = check(args.base, args.labels, args.repo)
    except PlaybookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    print("Changelog check passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
