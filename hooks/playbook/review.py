"""Owners and reviews: every English page names its owner (a role under
``extra.company.owners``) and the day it was last reviewed; the next review
is due that many months later (``policy.review_interval_months``, or the
page's own ``review_interval_months``). Translations take both from English.

    ---
    owner: channels_lead
    reviewed: 2026-11-20
    review_interval_months: 6     # optional
    ---

Plain data in, plain data out: ``sources`` is ``{"channels": "---\\n…"}``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Mapping

from . import yaml_text
from .errors import PlaybookError, closest
from .plain_text import shown
from .translations import split_front_matter

OWNERS = "company.owners"  # the roles, as company variables: company.owners.<role>
INTERVAL = "company.policy.review_interval_months"
FIELDS = ("owner", "reviewed", "review_interval_months")
_FRONT_MATTER_START = re.compile(r"\A---[ \t]*\n")


@dataclass(frozen=True)
class Review:
    page: str
    owner: str          # the role's key: "channels_lead"
    reviewed: dt.date
    interval_months: int
    due: dt.date

    def days_overdue(self, today: dt.date) -> int:
        return max((today - self.due).days, 0)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def owner_roles(variables: Mapping[str, object]) -> list[str]:
    """The roles under ``extra.company.owners``: ``["channels_lead", …]``."""
    prefix = OWNERS + "."
    return sorted(path[len(prefix):] for path in variables if path.startswith(prefix) and "." not in path[len(prefix):])


def default_interval(variables: Mapping[str, object], source: str = "mkdocs.yml") -> int:
    value = variables.get(INTERVAL)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PlaybookError(f"{source}: extra.{INTERVAL} must be a whole number of months, such as 12; "
                            f"got {shown(value)}.")
    return value


def read_reviews(english: Mapping[str, str], roles: list[str], interval: int, today: dt.date,
                 path_of=lambda page: f"docs/en/{page}.md") -> dict[str, Review]:
    """Every English page's review, or the first problem with its file, line and fix."""
    if not roles:
        raise PlaybookError("mkdocs.yml: extra.company.owners lists no roles. Add the roles that own pages, "
                            "each with its name per language, for example:\n  owners:\n    support_manager:\n"
                            "      en: Customer Service Manager")
    return {page: read_review(page, source, roles, interval, today, path_of(page))
            for page, source in sorted(english.items())}


def read_review(page: str, source: str, roles: list[str], interval: int, today: dt.date, path: str) -> Review:
    meta, _ = split_front_matter(source, path)
    front = _front_matter_text(source)

    def where(key: str | None = None) -> str:
        line = yaml_text.key_line(front, (key,)) if key and front else None
        # The YAML starts on the file's second line, after the opening "---".
        return f"{path}:{line + 1 if line else 1}"

    example = (f"---\nowner: {roles[0]}\nreviewed: {today.isoformat()}\n---")
    for key in ("owner", "reviewed"):
        if meta.get(key) in (None, ""):
            raise PlaybookError(
                f"{where()}: the page has no '{key}' in its front matter. Every English page names its owner "
                f"(one of {', '.join(roles)}) and the day it was last reviewed; start the page with:\n{example}")
    owner = meta["owner"]
    if not isinstance(owner, str) or owner not in roles:
        hint = closest(str(owner), roles)
        raise PlaybookError(
            f"{where('owner')}: owner {shown(owner)} is not one of the roles under extra.company.owners in "
            f"mkdocs.yml ({', '.join(roles)})." + (f" Did you mean '{hint}'?" if hint else
                                                  " Add the role there, with its name in every language."))
    reviewed = _date(meta["reviewed"], where("reviewed"))
    if reviewed > today:
        raise PlaybookError(
            f"{where('reviewed')}: reviewed {reviewed.isoformat()} is in the future (today is {today.isoformat()}). "
            "Write the day the page was actually reviewed.")
    months = meta.get("review_interval_months", interval)
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 120:
        raise PlaybookError(
            f"{where('review_interval_months')}: review_interval_months {shown(months)} is not a whole number "
            "of months between 1 and 120; write it as review_interval_months: 6, or remove it to use "
            f"extra.{INTERVAL} ({interval}).")
    return Review(page, owner, reviewed, months, add_months(reviewed, months))


def check_translation(source: str, path: str, english_path: str) -> None:
    """A translation takes its owner and review from English: it may not set its own."""
    meta, _ = split_front_matter(source, path)
    own = [key for key in FIELDS if key in meta]
    if own:
        line = yaml_text.key_line(_front_matter_text(source), (own[0],))
        raise PlaybookError(
            f"{path}:{line + 1 if line else 1}: '{own[0]}' is set on the English page only ({english_path}); "
            "a translation takes its owner and review dates from there. Remove the line.")


def _front_matter_text(source: str) -> str:
    """The YAML between the opening and closing ``---`` (the whole rest of the file if it never closes)."""
    match = _FRONT_MATTER_START.match(source)
    if not match:
        return ""
    rest = source[match.end():]
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", rest, re.M)
    return rest[: end.start()] if end else rest


def _date(value, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise PlaybookError(f"{where}: reviewed {shown(value)} is not a date; write it as YYYY-MM-DD, "
                        "for example reviewed: 2026-11-20.")


def status_rows(reviews: Mapping[str, Review], owner_names: Mapping[str, str], today: dt.date) -> list[list[str]]:
    """``make review-status``: page, owner, last review, due, days overdue; the most overdue first."""
    ordered = sorted(reviews.values(), key=lambda r: (r.due, r.page))
    return [[r.page, owner_names.get(r.owner, r.owner), r.reviewed.isoformat(), r.due.isoformat(),
             str(r.days_overdue(today)) if r.days_overdue(today) else "-"] for r in ordered]


def overdue_report(reviews: Mapping[str, Review], owner_names: Mapping[str, str], today: dt.date,
                   page_url=lambda page: page) -> str:
    """The scheduled workflow's issue: the overdue pages by owner, in Markdown."""
    overdue = [r for r in reviews.values() if r.days_overdue(today)]
    if not overdue:
        return f"No page of the playbook is overdue for review (checked {today.isoformat()}).\n"
    lines = [f"{len(overdue)} page(s) of the playbook are overdue for review (checked {today.isoformat()}). "
             "Review each page, then set `reviewed:` in its English front matter to the day of the review.", ""]
    for owner in sorted({r.owner for r in overdue}, key=lambda o: owner_names.get(o, o)):
        lines += [f"## {owner_names.get(owner, owner)} (`{owner}`)", ""]
        for r in sorted((r for r in overdue if r.owner == owner), key=lambda r: (r.due, r.page)):
            lines.append(f"- [{r.page}]({page_url(r.page)}): last reviewed {r.reviewed.isoformat()}, "
                         f"due {r.due.isoformat()}, {r.days_overdue(today)} day(s) overdue")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
