"""Pull-request check: a change to docs/ needs a new file in changes/.

    python scripts/changelog_check.py --base origin/main [--labels '["no-changelog"]']

Exits 1 with a message that says how to add an entry; a pull request
labelled ``no-changelog`` (typo fixes) is exempt.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from playbook.changelog import pull_request_problem  # noqa: E402


def changed_files(base: str, repo: Path) -> list[tuple[str, str]]:
    out = subprocess.run(
        ["git", "-C", str(repo), "diff", "--name-status", "--no-renames", f"{base}...HEAD"],
        capture_output=True, text=True, check=True,
    ).stdout
    return [tuple(line.split("\t", 1)) for line in out.splitlines() if "\t" in line]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the branch the pull request merges into, e.g. origin/main")
    parser.add_argument("--labels", default="[]", help="the pull request's labels as a JSON list")
    parser.add_argument("--repo", type=Path, default=REPO)
    args = parser.parse_args(argv)
    labels = json.loads(args.labels or "[]")
    problem = pull_request_problem(changed_files(args.base, args.repo), labels)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    print("Changelog check passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
