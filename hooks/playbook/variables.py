"""Company variables: ``{{ company.sla.email_reply_hours }}`` in Markdown.

The values live in the one mapping ``extra.company`` of ``mkdocs.yml``.  A
value may be given per language as a mapping of language codes; numbers and
dates are formatted for the page's language with Babel; every value is
inserted as text, so that neither HTML nor Markdown in a value takes effect.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any, Mapping

from babel.dates import format_date
from babel.numbers import format_decimal

from .errors import PlaybookError, closest
from .markdown_text import map_prose

ROOT = "company"
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
VARIABLE = re.compile(r"\{\{\s*(?P<path>[^{}]*?)\s*\}\}")
_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
# Characters that Markdown, HTML or the Markdown extensions could read as
# syntax.  They are written as numeric character references, which every
# Markdown stage passes through and the browser shows as the character.
# ":", "/", "." and "@" stay plain so that URLs and addresses still work as
# link targets; "-", "." and ":" only start a list or a definition at the
# start of a value.
_SYNTAX = set("\\`*_{}[]()<>#+!|~^=&\"$")
_SYNTAX_FIRST = set("-.:")

Scalar = (str, int, float, dt.date)


@dataclass(frozen=True)
class Variables:
    """The validated company mapping, flattened to dotted paths."""

    values: Mapping[str, Any]  # "company.sla.email_reply_hours" -> value or {lang: value}
    default_language: str

    def lookup(self, path: str, language: str) -> Any:
        value = self.values[path]
        if isinstance(value, dict):
            return value.get(language, value[self.default_language])
        return value


def load(company: Any, languages: list[str], default_language: str,
         source: str = "mkdocs.yml") -> Variables:
    """Validate ``extra.company`` and flatten it; errors name the key."""
    if not isinstance(company, dict):
        raise PlaybookError(
            f"{source}: extra.{ROOT} must be a mapping of names to values, "
            f"got {_kind(company)}. Write it as 'company:' followed by indented 'key: value' lines."
        )
    flat: dict[str, Any] = {}
    _flatten(company, ROOT, flat, set(languages), default_language, source)
    return Variables(flat, default_language)


def _flatten(mapping: dict, prefix: str, flat: dict, languages: set[str],
             default_language: str, source: str) -> None:
    for key, value in mapping.items():
        where = f"{source}: extra.{prefix}.{key}"
        if not isinstance(key, str) or not _KEY.match(key):
            raise PlaybookError(
                f"{source}: extra.{prefix} has the key {key!r}; keys are lowercase "
                "letters, digits and underscores, starting with a letter (for example 'email_reply_hours')."
            )
        path = f"{prefix}.{key}"
        if isinstance(value, dict) and value and set(value) <= languages:
            if default_language not in value:
                raise PlaybookError(
                    f"{where} is given per language ({', '.join(sorted(value))}) but has no "
                    f"'{default_language}' value, which other languages fall back to. Add '{default_language}: …'."
                )
            for language, text in value.items():
                _check_scalar(text, f"{where}.{language}")
            flat[path] = dict(value)
        elif isinstance(value, dict):
            if not value:
                raise PlaybookError(f"{where} is an empty mapping; give it a value or remove it.")
            _flatten(value, path, flat, languages, default_language, source)
        else:
            _check_scalar(value, where)
            flat[path] = value


def _check_scalar(value: Any, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, Scalar):
        raise PlaybookError(
            f"{where} must be text, a number or a date, got {_kind(value)}. "
            "Quote it if it is meant as text."
        )


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"a yes/no value ({value})"
    return {dict: "a mapping", list: "a list"}.get(type(value), type(value).__name__)


def format_value(value: Any, language: str) -> str:
    """Format a number or date for ``language``; text stays as it is."""
    return _format_value(type(value), value, language)


# Babel is slow to format, and the same few values recur on every page.
# (The type is part of the key: True == 1, but they format differently.)
@functools.lru_cache(maxsize=4096)
def _format_value(_type: type, value: Any, language: str) -> str:
    if isinstance(value, dt.date):
        return format_date(value, format="long", locale=language)
    if isinstance(value, (int, float)):
        return format_decimal(value, locale=language)
    return str(value)


def as_markdown_text(text: str) -> str:
    """Escape ``text`` so that Markdown renders it literally, as text."""
    return "".join(
        f"&#{ord(c)};" if c in _SYNTAX or (i == 0 and c in _SYNTAX_FIRST) else c
        for i, c in enumerate(text)
    )


def fill(markdown: str, variables: Variables, language: str, source: str,
         first_line: int = 1) -> str:
    """Replace every ``{{ company.… }}`` outside code with its text.

    ``first_line`` is the line of ``source`` on which ``markdown`` starts
    (front matter is not part of the Markdown a page hands to the hooks).
    """

    def replace_in(text: str, line: int) -> str:
        def replace(match: re.Match) -> str:
            path = match.group("path")
            if path not in variables.values:
                raise PlaybookError(_unknown(path, variables, f"{source}:{line + first_line - 1}"))
            return as_markdown_text(format_value(variables.lookup(path, language), language))

        return VARIABLE.sub(replace, text)

    return map_prose(markdown, replace_in)


def _unknown(path: str, variables: Variables, where: str) -> str:
    if not _PATH.match(path):
        return (f"{where}: '{{{{ {path} }}}}' is not a company variable. Variables are written "
                f"{{{{ {ROOT}.<dotted.path> }}}}; put literal braces in `inline code`.")
    message = f"{where}: unknown variable '{path}'."
    nearest = closest(path, variables.values)
    if nearest:
        message += f" Did you mean '{nearest}'?"
    else:
        message += f" Add it under extra.{ROOT} in mkdocs.yml."
    return message

