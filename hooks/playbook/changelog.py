"""Changelog entries: one YAML file per change in ``changes/``.

    date: 2026-11-20
    affects: [channels#email-response, complaints]
    summary:
      en: Email replies are now due within 12 hours (was 24).
      pl: Na e-maile odpowiadamy teraz w ciągu 12 godzin (wcześniej 24).
    version: "2026.11"        # absent while unreleased

One file per change means parallel pull requests never conflict. An entry
belongs to the first release that contains it, for good.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import yaml

from . import versions, yaml_text
from .errors import PlaybookError
from .inventory import page_path

FIELDS = {"date", "affects", "summary", "version"}
REQUIRED = ("date", "affects", "summary")


class _Loader(yaml_text.SafeLoader):
    """YAML without implicit timestamps: dates are checked by _date, with a clear message."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_TARGET = re.compile(r"^(?P<page>[a-z0-9][a-z0-9/_-]*)(?:#(?P<section>[a-z0-9-]+))?$")


@dataclass(frozen=True)
class Target:
    page: str
    section: str | None = None

    def __str__(self) -> str:
        return f"{self.page}#{self.section}" if self.section else self.page


@dataclass(frozen=True)
class Entry:
    id: str                     # the file's name without .yml
    date: dt.date
    affects: tuple[Target, ...]
    summary: Mapping[str, str]
    version: str | None = None
    source: str = ""

    def summary_in(self, language: str, default: str) -> tuple[str, bool]:
        """The summary in ``language``, and whether it fell back to ``default``."""
        if language in self.summary:
            return self.summary[language], False
        return self.summary[default], True

    def affects_page(self, page: str) -> bool:
        return any(target.page == page for target in self.affects)


@dataclass(frozen=True)
class Release:
    version: str | None         # None: "Unreleased" (a plain build)
    entries: tuple[Entry, ...] = field(default_factory=tuple)


# A generous limit: an entry says in a sentence or two what changed (README, "Changelog").
MAX_ENTRY_BYTES = 64 * 1024


def check_size(size: int, source: str) -> None:
    if size > MAX_ENTRY_BYTES:
        raise PlaybookError(
            f"{source}: the entry is {size / 1024:.0f} KiB; an entry may be at most {MAX_ENTRY_BYTES // 1024} KiB. "
            "Say in a sentence or two what changed, and keep the details on the page itself."
        )


def parse(text: str, entry_id: str, source: str, languages: Iterable[str], default: str,
          sections: Mapping[str, set[str]], section_redirects: Mapping[str, str] | None = None) -> Entry:
    """Parse and validate one entry; ``sections`` maps each page to its section ids.
    A section renamed with a redirect (``section_redirects``: old id -> new id)
    is followed, so that history stays valid after a rename."""
    languages = list(languages)
    check_size(len(text.encode("utf-8")), source)
    # Aliases and text that XML forbids are refused before any value is used.
    data = yaml_text.load(text, source, _Loader)

    def where(*path: str) -> str:
        line = yaml_text.key_line(text, path)
        return f"{source}:{line}" if line else source

    if not isinstance(data, dict):
        raise PlaybookError(f"{source}: expected the fields {', '.join(REQUIRED)} (and optionally version), one per line.")
    unknown = sorted(set(map(str, data)) - FIELDS)
    if unknown:
        raise PlaybookError(f"{where(unknown[0])}: unknown field(s) {', '.join(map(yaml_text.shown, unknown))}; "
                            "the fields are date, affects, summary and version.")
    for name in REQUIRED:
        if data.get(name) in (None, "", [], {}):
            raise PlaybookError(f"{where(name)}: the field '{name}' is missing. {_HINTS[name]}")
    return Entry(
        id=entry_id,
        date=_date(data["date"], where("date")),
        affects=tuple(_targets(data["affects"], where("affects"), sections, section_redirects or {})),
        summary=_summary(data["summary"], where, languages, default),
        version=_version(data.get("version"), where("version")),
        source=source,
    )


_HINTS = {
    "date": "Add the day of the change as 'date: 2026-11-20'.",
    "affects": "List the changed pages, optionally with a section: 'affects: [channels#email-response]'.",
    "summary": "Add 'summary:' with at least an 'en:' line saying what changed.",
}


def _date(value, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value if isinstance(value, str) else "")
    except ValueError:
        raise PlaybookError(f"{where}: date {yaml_text.shown(value)} is not a date; write it as YYYY-MM-DD, "
                            "for example 2026-11-20.") from None


def _targets(value, where: str, sections: Mapping[str, set[str]], redirects: Mapping[str, str]) -> list[Target]:
    items = value if isinstance(value, list) else [value]
    targets = []
    for item in items:
        match = _TARGET.fullmatch(item) if isinstance(item, str) else None
        shown = yaml_text.shown(item)
        if not match:
            raise PlaybookError(
                f"{where}: affects {shown} is not a page path with an optional section id, like 'channels#email-response'."
            )
        page, section = match.group("page"), match.group("section")
        if page not in sections:
            raise PlaybookError(
                f"{where}: affects {shown} names the page {yaml_text.shown(page)}, which does not exist; "
                f"pages are {', '.join(sorted(sections))}."
            )
        seen = set()
        while section and section not in sections[page] and section in redirects and section not in seen:
            seen.add(section)
            section = redirects[section]
        if section and section not in sections[page]:
            raise PlaybookError(
                f"{where}: affects {shown} names the section {yaml_text.shown('#' + section)}, which is not on the page '{page}'; "
                f"its sections are {', '.join('#' + s for s in sorted(sections[page]))}."
            )
        targets.append(Target(page, section))
    return targets


def _summary(value, where, languages: list[str], default: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise PlaybookError(f"{where('summary')}: summary must give the text per language, as 'summary:' then '  {default}: …'.")
    unknown = sorted(str(k) for k in value if k not in languages)
    if unknown:
        raise PlaybookError(
            f"{where('summary', unknown[0])}: summary has the unknown language(s) "
            f"{', '.join(map(yaml_text.shown, unknown))}; use {', '.join(languages)}."
        )
    if not isinstance(value.get(default), str) or not value[default].strip():
        raise PlaybookError(f"{where('summary')}: summary has no '{default}' text; the {default} summary is required.")
    for language, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise PlaybookError(f"{where('summary', language)}: summary.{language} must be text.")
        if len(text.strip().splitlines()) > 1:
            raise PlaybookError(
                f"{where('summary', language)}: summary.{language} has more than one line; a summary is one or two "
                "sentences. Join the lines (in YAML a long line may go on, indented, on the next line)."
            )
    return {language: " ".join(text.split()) for language, text in value.items()}


def _version(value, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PlaybookError(f"{where}: version {value} must be quoted, as version: \"{value}\", so that it stays text.")
    if not isinstance(value, str) or not value.strip():
        raise PlaybookError(f"{where}: version must be text, such as version: \"2026.11\".")
    value = value.strip()
    if len(value.splitlines()) > 1 or len(value) > 64:
        raise PlaybookError(f"{where}: version {yaml_text.shown(value)} is not one short line; "
                            "write the release's name, such as version: \"2026.11\".")
    try:
        return versions.check_version_name(value)
    except PlaybookError as error:
        raise PlaybookError(f"{where}: version: {error}.") from None


def assign_releases(entries: Iterable[Entry], published: list[tuple[str, set[str]]],
                    building: str | None) -> list[Release]:
    """Group entries by release, newest release first and newest entries first.

    An entry with a recorded version keeps it. Otherwise it belongs to the
    first published release (``published`` is oldest first, each with the
    entry ids it shipped) that contains it, else to the release being built
    (``building``; None in a plain build, shown as "Unreleased").
    """
    first_shipped: dict[str, str] = {}
    for version, ids in published:
        for entry_id in ids:
            first_shipped.setdefault(entry_id, version)
    order = [version for version, _ in published]
    groups: dict[str | None, list[Entry]] = {}
    for entry in entries:
        version = entry.version or first_shipped.get(entry.id, building)
        groups.setdefault(version, []).append(entry)

    def rank(version):
        if version is None or version == building:
            return (0, 0)
        if version in order:
            return (1, -order.index(version))
        return (2, 0)  # recorded but not published here: after the known ones

    releases = []
    for version in sorted(groups, key=lambda v: (rank(v), str(v))):
        items = sorted(groups[version], key=lambda e: (e.date, e.id), reverse=True)
        releases.append(Release(version, tuple(items)))
    return releases


def last_revised(entries: Iterable[Entry], page: str) -> dt.date | None:
    dates = [entry.date for entry in entries if entry.affects_page(page)]
    return max(dates) if dates else None


def changed_sections(release: Release | None, page: str) -> set[str]:
    """Section ids of ``page`` that entries of ``release`` affect."""
    if release is None:
        return set()
    return {t.section for e in release.entries for t in e.affects if t.page == page and t.section}


NO_CHANGELOG_LABEL = "no-changelog"


def pull_request_problem(changed: list[tuple[str, str]], labels: Iterable[str],
                         docs_dir: str = "docs/", changes_dir: str = "changes/") -> str | None:
    """Why a pull request needs a changelog entry, or None when it is fine.

    ``changed`` is git's ``(status, path)`` list against the base branch.
    """
    if NO_CHANGELOG_LABEL in set(labels):
        return None
    docs = [path for status, path in changed if path.startswith(docs_dir)]
    if not docs:
        return None
    added = [path for status, path in changed if status.startswith("A") and path.startswith(changes_dir) and path.endswith(".yml")]
    if added:
        return None
    shown = ", ".join(docs[:5]) + (f" and {len(docs) - 5} more" if len(docs) > 5 else "")
    return (
        f"This pull request changes {shown} but adds no changelog entry.\n"
        f"Add a file such as {changes_dir}{dt.date.today().isoformat()}-short-name.yml:\n\n"
        "    date: " + dt.date.today().isoformat() + "\n"
        "    affects: [channels#email-response]\n"
        "    summary:\n"
        "      en: What changed, in one sentence.\n\n"
        f"For a typo fix that changes no rule, label the pull request '{NO_CHANGELOG_LABEL}' instead."
    )


def details(releases, languages, default) -> list[dict]:
    """Every entry as plain data for the browser: newest release first, with
    its summary in every language (the default's where one is missing)."""
    out = []
    for release in releases:
        for entry in release.entries:
            out.append({
                "id": entry.id,
                "date": entry.date.isoformat(),
                "version": release.version,
                "affects": [{"page": page_path(t.page), "section": t.section} for t in entry.affects],
                "summary": {language: entry.summary_in(language, default)[0] for language in languages},
            })
    return out
