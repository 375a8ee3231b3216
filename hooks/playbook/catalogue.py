"""The section catalogue for ticket tools: ``sections.json`` in each
language's folder lists every section with its addresses, its owner, its last
review and when it last changed. Its schema is ``sections.schema.json``
(beside this module, and at the root of every build); ``SCHEMA_VERSION``
changes only when a field is removed or changes meaning.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Iterable, Mapping

from .inventory import SHORT_LINKS, language_prefix, page_path

FILE = "sections.json"
SCHEMA_FILE = "sections.schema.json"
SCHEMA_VERSION = 1
_SCHEMA_PATH = os.path.join(os.path.dirname(__file__), SCHEMA_FILE)


@functools.lru_cache(maxsize=1)
def schema_text() -> str:
    with open(_SCHEMA_PATH, encoding="utf-8") as handle:
        return handle.read()


@dataclass(frozen=True)
class Urls:
    root: str            # where the site is served: "https://playbook.example/"
    version: str | None  # the version being built ("2026.11"); None outside mike
    latest: str          # the alias of the current version
    prefix: str          # the language's folder: "" or "pl/"

    def permanent(self, path: str) -> str:
        return f"{self.root}{self.version + '/' if self.version else ''}{self.prefix}{path}"

    def in_latest(self, path: str) -> str:
        return f"{self.root}{self.latest + '/' if self.version else ''}{self.prefix}{path}"

    def short(self, section: str) -> str:
        return f"{self.root}{self.prefix}{SHORT_LINKS}/{section}/"


def pages_in_language(pages: Mapping[str, list[str]], language: str, languages: Iterable[str],
                      default: str) -> dict[str, list[str]]:
    """The inventory's pages of one language, by address below its folder: ``{"complaints/": [ids]}``."""
    prefix = language_prefix(language, default)
    others = tuple(language_prefix(other, default) for other in languages if other != default)
    return {url[len(prefix):]: ids for url, ids in pages.items()
            if url.startswith(prefix) and (prefix or not url.startswith(others))}


def build(language: str, pages: Mapping[str, list[str]], titles: Mapping[str, dict], reviews: Mapping,
          owner_names: Mapping[str, str], releases, urls: Urls) -> dict:
    """``pages`` as ``pages_in_language`` gives them; ``titles`` per page name:
    ``{"page": "Complaints", "sections": {id: title}}``; ``releases`` newest first."""
    last_change = _last_changes(releases)
    sections = []
    for name in sorted(reviews):
        address = page_path(name)
        page_titles = titles.get(name, {"page": name, "sections": {}})
        found = reviews[name]
        for section in pages.get(address, []):
            # An entry for the whole page changes each of its sections too.
            changes = [c for c in (last_change.get((name, section)), last_change.get((name, None))) if c]
            changed = max(changes, key=lambda c: c["date"]) if changes else None
            sections.append({
                "id": section,
                "title": page_titles["sections"].get(section, section),
                "page": name,
                "page_title": page_titles["page"],
                "url": urls.permanent(f"{address}#{section}"),
                "latest_url": urls.in_latest(f"{address}#{section}"),
                "short_url": urls.short(section),
                "owner": {"role": found.owner, "name": owner_names.get(found.owner, found.owner)},
                "reviewed": found.reviewed.isoformat(),
                "review_due": found.due.isoformat(),
                "last_changed": changed,
            })
    return {"schema_version": SCHEMA_VERSION, "language": language, "version": urls.version, "sections": sections}


def _last_changes(releases) -> dict[tuple[str, str | None], dict]:
    """``{(page, section or None): {"version": …, "date": …}}``: each target's newest entry."""
    found: dict[tuple[str, str | None], dict] = {}
    for release in releases:
        for entry in release.entries:
            for target in entry.affects:
                key = (target.page, target.section)
                if key not in found or found[key]["date"] < entry.date.isoformat():
                    found[key] = {"version": release.version, "date": entry.date.isoformat()}
    return found
