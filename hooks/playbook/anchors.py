"""Explicit, stable section ids: ``## Email {#email-response}``.

Support agents paste links to sections into tickets, so a section's id must
not change when its heading is retitled or translated.  Every ``##`` and
``###`` heading therefore carries an explicit id in lowercase kebab-case,
unique across the whole site of a language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from .errors import PlaybookError
from .markdown_text import prose_lines

ID_LEVELS = (2, 3)
_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
_ATTRS = re.compile(r"[ \t]*\{:?(?P<attrs>[^{}]*)\}[ \t]*$")
_ID_ATTR = re.compile(r"(?:^|\s)#(?P<id>\S+)")
_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    id: str | None
    line: int


def body_start_line(source: str) -> int:
    """The line on which the Markdown body starts, after any front matter."""
    match = _FRONT_MATTER.match(source)
    return source[: match.end()].count("\n") + 1 if match else 1


def headings(source: str) -> list[Heading]:
    """The ATX headings of a whole source file, outside code, with their lines."""
    return list(_headings(source))


# Each language build checks every language's sources again; the same text
# gives the same headings, so parse each text once (make bench's hooks budget).
@functools.lru_cache(maxsize=4096)
def _headings(source: str) -> tuple[Heading, ...]:
    start = body_start_line(source)
    body = source.split("\n")[start - 1:]
    found = []
    for number, line, in_code in prose_lines("\n".join(body)):
        match = None if in_code else _HEADING.match(line)
        if not match:
            continue
        text, heading_id = match.group("text"), None
        attrs = _ATTRS.search(text)
        if attrs:
            text = text[: attrs.start()]
            id_match = _ID_ATTR.search(attrs.group("attrs"))
            heading_id = id_match.group("id") if id_match else None
        found.append(Heading(len(match.group("hashes")), text.strip(), heading_id, number + start - 1))
    return tuple(found)


def check_site(pages: Mapping[str, str]) -> dict[str, list[Heading]]:
    """Check every page of one language; ``pages`` maps a file path to its source.

    Returns the headings per page; raises one error listing every problem.
    """
    problems, seen, result = [], {}, {}
    for path in sorted(pages):
        page_headings = headings(pages[path])
        result[path] = page_headings
        for heading in page_headings:
            if heading.level not in ID_LEVELS:
                continue
            where = f"{path}:{heading.line}"
            if heading.id is None:
                problems.append(
                    f"{where}: the heading '{heading.title}' has no id. Add one at the end of the line, "
                    f"for example '{'#' * heading.level} {heading.title} {{#{suggest_id(heading.title)}}}'."
                )
            elif not _KEBAB.match(heading.id):
                problems.append(
                    f"{where}: the id '{heading.id}' is not lowercase kebab-case; "
                    f"write it like '{suggest_id(heading.id)}'."
                )
            elif heading.id in seen:
                problems.append(
                    f"{where}: the id '{heading.id}' is already used at {seen[heading.id]}; "
                    "section ids must be unique across the site. Choose another id."
                )
            else:
                seen[heading.id] = where
    if problems:
        raise PlaybookError("Section ids:\n  " + "\n  ".join(problems))
    return result


def suggest_id(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower().encode("ascii", "ignore").decode())
    return "-".join(words) or "section-id"


def section_ids(page_headings: Iterable[Heading]) -> list[str]:
    return [h.id for h in page_headings if h.level in ID_LEVELS and h.id]
