"""Every page with its owner, last review, due date and days overdue.

    python scripts/review_status.py                 # the table (make review-status)
    python scripts/review_status.py --issue-body    # the overdue pages by owner, in Markdown
    python scripts/review_status.py --today 2028-01-31

The scheduled workflow .github/workflows/review.yml posts ``--issue-body``
as one issue. The checks are the build's own (playbook/review.py): a page
without an owner or review date, an unknown owner or a future date fails
here too, with the file and the line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from playbook import inventory, review, variables  # noqa: E402
from playbook.errors import PlaybookError  # noqa: E402
from site_config import read, site_languages  # noqa: E402


def load(repo: Path, today: dt.date):
    config_file = repo / "mkdocs.yml"
    config = read(config_file)
    languages, default = site_languages(config_file, config)
    company = variables.load((config.get("extra") or {}).get("company"), languages, default)
    english = {path.stem: path.read_text(encoding="utf-8") for path in sorted((repo / "docs" / default).glob("*.md"))}
    reviews = review.read_reviews(english, review.owner_roles(company.values), review.default_interval(company.values),
                                  today, lambda page: f"docs/{default}/{page}.md")
    names = {role: company.lookup(f"{review.OWNERS}.{role}", default) for role in review.owner_roles(company.values)}
    site_url = str(config.get("site_url") or "").rstrip("/")
    return reviews, names, site_url


def table(rows: list[list[str]]) -> str:
    header = ["page", "owner", "last review", "due", "days overdue"]
    widths = [max(len(row[i]) for row in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in [header] + rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def date_argument(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a date; write it as YYYY-MM-DD") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issue-body", action="store_true", help="the overdue pages by owner, in Markdown")
    parser.add_argument("--today", type=date_argument, default=dt.date.today(), help="the day to check against")
    parser.add_argument("--repo", type=Path, default=REPO, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        reviews, names, site_url = load(args.repo, args.today)
    except PlaybookError as error:
        print(error, file=sys.stderr)
        return 1
    if args.issue_body:
        # Links to the page in latest, where readers see the notice too.
        print(review.overdue_report(reviews, names, args.today,
                                    lambda page: f"{site_url}/latest/{inventory.page_path(page)}" if site_url else page),
              end="")
        return 0
    rows = review.status_rows(reviews, names, args.today)
    print(table(rows))
    overdue = sum(1 for row in rows if row[-1] != "-")
    print(f"\n{len(rows)} pages, {overdue} overdue for review (checked {args.today.isoformat()}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
