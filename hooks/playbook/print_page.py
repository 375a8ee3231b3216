"""The whole playbook on one page, for printing or saving as PDF.

Each page's built HTML is placed on the print page in navigation order. What
makes the pages work as one document:

- ids stay unique: an id that an earlier page (or the print page itself)
  already uses, such as a footnote's or a generated heading id, is prefixed
  with its page's name. Section ids are unique across the site already, so
  a ticket's link ``#email-response`` works on the print page too;
- links between the pages become links within the print page (to the
  section, or to the page's start); every other relative link is rewritten
  for the print page's address;
- headings move one level down, under the print page's own title.

The HTML is MkDocs' own output, in which every attribute is double-quoted
and a ``<`` inside text is escaped, so tags can be matched reliably.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Iterable, Mapping

_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_ID = re.compile(r'(?<=\s)id="([^"]*)"')
_ID_REFERENCES = re.compile(r'(?<=\s)(for|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"')
_URL_ATTRIBUTES = re.compile(r'(?<=\s)(href|src)="([^"]*)"')
_HEADING = re.compile(r"<(/?)h([1-6])(?=[\s>])")
_FIRST_HEADING = re.compile(r"\A\s*(<h1[\s>].*?</h1>)", re.S)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


@dataclass(frozen=True)
class SourcePage:
    name: str   # "channels"
    url: str    # its URL path in this build, as MkDocs gives it: "pl/channels/", "pl/"
    html: str   # its built content


@dataclass(frozen=True)
class PrintSection:
    name: str
    anchor: str     # the id of the page's start on the print page
    heading: str    # the page's title heading (now an h2), or "" if it had none
    body: str       # the rest of its content


def page_anchor(name: str) -> str:
    return "page-" + name.replace("/", "-")


def ids_in(html: str) -> list[str]:
    return _ID.findall(html)


def combine(pages: Iterable[SourcePage], print_url: str, reserved_ids: Iterable[str] = ()) -> list[PrintSection]:
    """The print page's sections, one per page, in the order given."""
    pages = list(pages)
    taken = set(reserved_ids) | {page_anchor(page.name) for page in pages}
    renamed: dict[str, dict[str, str]] = {}
    for page in pages:
        mapping = {}
        for old in _ID.findall(page.html):
            new = old
            if new in taken:
                new, number = f"{page.name}--{old}", 2
                while new in taken:
                    new, number = f"{page.name}--{old}-{number}", number + 1
            taken.add(new)
            mapping[old] = new
        renamed[page.name] = mapping
    by_url = {_normalize(page.url): page.name for page in pages}

    sections = []
    for page in pages:
        html = _rewrite_tags(page, print_url, renamed, by_url)
        heading = _FIRST_HEADING.match(html)
        title, body = (heading.group(1), html[heading.end():]) if heading else ("", html)
        sections.append(PrintSection(page.name, page_anchor(page.name), _shift_headings(title), _shift_headings(body)))
    return sections


def _rewrite_tags(page: SourcePage, print_url: str, renamed: Mapping[str, Mapping[str, str]],
                  by_url: Mapping[str, str]) -> str:
    ids = renamed[page.name]

    def rewrite_tag(tag_match: re.Match) -> str:
        tag = tag_match.group(0)
        if "=" not in tag:
            return tag  # no attributes: most tags, and nothing to rewrite
        tag = _ID.sub(lambda m: f'id="{ids.get(m.group(1), m.group(1))}"', tag)
        tag = _ID_REFERENCES.sub(
            lambda m: f'{m.group(1)}="' + " ".join(ids.get(i, i) for i in m.group(2).split()) + '"', tag
        )
        return _URL_ATTRIBUTES.sub(
            lambda m: f'{m.group(1)}="{rewrite_url(m.group(2), page, print_url, renamed, by_url)}"', tag
        )

    return _TAG.sub(rewrite_tag, page.html)


def rewrite_url(href: str, page: SourcePage, print_url: str, renamed: Mapping[str, Mapping[str, str]],
                by_url: Mapping[str, str]) -> str:
    """Where ``href`` (written on ``page``) must point from the print page."""
    if not href or _EXTERNAL.match(href):
        return href
    address, hash_mark, fragment = href.partition("#")
    path, question_mark, query = address.partition("?")
    if path.startswith("/"):
        return href  # already absolute on this host
    target = _normalize(posixpath.join(_directory(page.url), path)) if path else _normalize(page.url)
    if target in by_url and not query:
        name = by_url[target]
        if fragment:
            return "#" + renamed[name].get(fragment, fragment)
        return "#" + page_anchor(name)
    if not path:
        return href
    relative = posixpath.relpath(target or ".", _normalize(_directory(print_url)) or ".")
    if path.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative + (question_mark + query) + (hash_mark + fragment)


def _shift_headings(html: str) -> str:
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", html)


def _directory(url: str) -> str:
    """The folder a page's relative links start from (its URL ends in / with directory URLs)."""
    return url if url.endswith("/") or not url else posixpath.dirname(url) + "/"


def _normalize(path: str) -> str:
    normalized = posixpath.normpath(path) if path else "."
    return "" if normalized == "." else normalized.rstrip("/")
