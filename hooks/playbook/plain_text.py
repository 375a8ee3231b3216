"""The one policy for text that comes from editors and configuration (page
titles, company values, interface texts, changelog entries, mkdocs.yml): it
is text, never markup.

Templates escape it; what the theme would insert raw is handed to it escaped
(``as_html``), and what cannot be escaped safely is refused with a message
(``line_problem``, ``link_problem``).
"""

from __future__ import annotations

import re
import reprlib
from typing import Any

from markupsafe import Markup, escape

from .markdown_text import prose_lines

# Characters XML 1.0 forbids (feeds and sitemaps would not parse) and that no
# one types on purpose: C0 controls but tab, newline and carriage return;
# lone surrogates; the non-characters U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Anything that ends a line for Markdown or a reader.
_LINE_BREAK = re.compile("[\t\r\n\x85\u2028\u2029]")
# "scheme:" at the start of a value, as a browser reads a link target.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):(?=\S)")
LINK_SCHEMES = ("http", "https", "mailto", "tel")
_shown = reprlib.Repr()
_shown.maxstring = _shown.maxother = 80
_shown.maxlist = _shown.maxdict = 5
_shown.maxlevel = 2


def as_html(text: str) -> Markup:
    """``text`` escaped for HTML, where a template inserts it without ``| e``.
    Idempotent: escaped text stays as it is."""
    return escape(text)


def shown(value: Any) -> str:
    """A value as an error message shows it: quoted, control characters
    escaped, and cut short (a 1 MB value must not fill the terminal)."""
    return _shown.repr(value)


def forbidden_character(text: str) -> str | None:
    """The first character that XML 1.0 forbids, as ``U+0001``; None if there is none."""
    match = _FORBIDDEN.search(text)
    return f"U+{ord(match.group()):04X}" if match else None


def line_problem(text: str) -> str | None:
    """What stops ``text`` from being one line of plain text, or None."""
    character = forbidden_character(text)
    if character and "D800" <= character[2:] <= "DFFF":  # YAML's "\ud800" escape makes one
        return (f"contains a lone surrogate {character}, half of a UTF-16 pair that no page can hold "
                f"(write the character itself, not a \\u escape)")
    if character:
        return f"contains the control character {character}"
    match = _LINE_BREAK.search(text)
    if match:
        return "contains a line break" if match.group() != "\t" else "contains a tab"
    return None


def link_problem(text: str) -> str | None:
    """What makes ``text`` unsafe as a link target, or None.

    A value that starts with a scheme may use only http(s), mailto and tel:
    ``javascript:`` or ``data:`` would run or show content of the attacker's
    choosing when the link is clicked. Leading spaces are ignored, as browsers do.
    """
    match = _SCHEME.match(text.strip())
    if match and match.group(1).lower() not in LINK_SCHEMES:
        return (f"starts with the link scheme '{match.group(1)}:', which is not allowed "
                f"(use one of {', '.join(s + ':' for s in LINK_SCHEMES)})")
    return None


_HTML_TAG = re.compile(r"<[A-Za-z/!?]")
_MARKDOWN_LINK = re.compile(r"\]\(|!\[|\]\[|`")


def markup_problem(text: str) -> str | None:
    """What in ``text`` looks like HTML or Markdown, which plain text does not
    render (it would show literally), or None."""
    if _HTML_TAG.search(text):
        return "contains an HTML tag"
    if _MARKDOWN_LINK.search(text):
        return "contains Markdown (a link, an image or code)"
    return None


# Raw HTML in a page: an element (comments are fine, and so are autolinks
# such as <https://…> and <name@example.com>, which have no tag name).
_RAW_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])")
# A Markdown link target, inline or in a reference definition, with its scheme.
_LINK_TARGET = re.compile(r"(?:\]\(\s*|^\s{0,3}\[[^\]]+\]:\s*)<?([A-Za-z][A-Za-z0-9+.\-]*):")
_INLINE_CODE = re.compile(r"(`+).+?\1")


def page_markup_problems(markdown: str) -> list[tuple[int, str]]:
    """``(line, what is wrong)`` for raw HTML and unsafe link targets in a
    page's Markdown, outside code. Pages are Markdown; HTML in them would
    bypass the site's escaping, and a ``javascript:`` link runs when clicked."""
    problems = []
    for number, line, in_code in prose_lines(markdown):
        if in_code:
            continue
        prose = _INLINE_CODE.sub("", line)
        tag = _RAW_TAG.search(prose)
        if tag:
            problems.append((number, f"raw HTML (<{tag.group(1)}>) is not allowed in pages: write it in "
                                     "Markdown, or put it in `inline code` to show it as text"))
        for target in _LINK_TARGET.finditer(prose):
            if target.group(1).lower() not in LINK_SCHEMES:
                problems.append((number, f"the link target scheme '{target.group(1)}:' is not allowed: "
                                         f"links may use {', '.join(s + ':' for s in LINK_SCHEMES)} or a page of the playbook"))
    return problems
