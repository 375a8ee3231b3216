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
from typing import Any, Callable, Mapping

from babel.dates import format_date

from . import quantities, service_levels
from .errors import PlaybookError, closest
from .markdown_text import map_prose
from .plain_text import line_problem, link_problem, shown

ROOT = "company"
# Lines such as {{ service_levels_table }} that another module expands.
MARKERS = frozenset({service_levels.MARKER})
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
# ``{{ company.sla.email_reply_hours }}``, or with the grammatical case its
# sentence needs, ``{{ company.sla.email_reply_hours | genitive }}``.
VARIABLE = re.compile(r"\{\{\s*(?P<path>[^{}|]*?)\s*(?:\|\s*(?P<case>[^{}]*?)\s*)?\}\}")
_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
# Characters that Markdown, HTML or the Markdown extensions could read as
# syntax.  They are written as numeric character references, which every
# Markdown stage passes through and the browser shows as the character.
# ":", "/", "." and "@" stay plain so that URLs and addresses still work as
# link targets; "-", ".", ":", a space and "1." only start a block (a list,
# a definition, indented code) at the start of a value. A value never holds
# a line break (load refuses it), so it cannot start a line of its own.
_SYNTAX = set("\\`*_{}[]()<>#+!|~^=&\"$")
_SYNTAX_FIRST = set("-.: \t")
_ORDERED_MARKER = re.compile(r"^\d+[.)]")

Scalar = (str, int, float, dt.date)

# A value is a name, an address, a number or a phrase; a page of text is a
# mistake (and would be copied into every page that names it).
MAX_VALUE_LENGTH = 500


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
         source: str = "mkdocs.yml", line_of: Callable[[tuple[str, ...]], int | None] | None = None) -> Variables:
    """Validate ``extra.company`` and flatten it; errors name the key (and its
    line, from ``line_of(("extra", "company", ...))``)."""
    if not isinstance(company, dict):
        raise PlaybookError(
            f"{source}: extra.{ROOT} must be a mapping of names to values, "
            f"got {_kind(company)}. Write it as 'company:' followed by indented 'key: value' lines."
        )
    flat: dict[str, Any] = {}
    checker = _Checker(source, line_of or (lambda path: None), languages, default_language)
    checker.flatten(company, (ROOT,), flat)
    return Variables(flat, default_language)


@dataclass(frozen=True)
class _Checker:
    source: str
    line_of: Callable[[tuple[str, ...]], int | None]
    languages: list[str]
    default_language: str

    def where(self, keys: tuple[str, ...]) -> str:
        line = self.line_of(("extra", *keys))
        return f"{self.source}{f':{line}' if line else ''}: extra.{'.'.join(keys)}"

    def flatten(self, mapping: dict, prefix: tuple[str, ...], flat: dict) -> None:
        for key, value in mapping.items():
            if not isinstance(key, str) or not _KEY.match(key):
                raise PlaybookError(
                    f"{self.where(prefix)} has the key {shown(key)}; keys are lowercase "
                    "letters, digits and underscores, starting with a letter (for example 'email_reply_hours')."
                )
            keys = (*prefix, key)
            path = ".".join(keys)
            if isinstance(value, dict) and self.default_language in value:
                # Given per language: every key must be one of the site's languages.
                unknown = sorted(set(value) - set(self.languages), key=str)
                if unknown:
                    raise PlaybookError(
                        f"{self.where(keys)} is given per language, but {', '.join(map(shown, unknown))} "
                        f"is not a language of this site ({', '.join(self.languages)}). "
                        "Remove it, or add the language to the i18n plugin's languages in mkdocs.yml."
                    )
                for language, text in value.items():
                    self.check_scalar(text, (*keys, language))
                flat[path] = dict(value)
            elif isinstance(value, dict) and value and set(value) <= set(self.languages):
                raise PlaybookError(
                    f"{self.where(keys)} is given per language ({', '.join(sorted(value))}) but has no "
                    f"'{self.default_language}' value, which other languages fall back to. "
                    f"Add '{self.default_language}: …'."
                )
            elif isinstance(value, dict):
                if not value:
                    raise PlaybookError(f"{self.where(keys)} is an empty mapping; give it a value or remove it.")
                self.flatten(value, keys, flat)
            else:
                self.check_scalar(value, keys)
                flat[path] = value

    def check_scalar(self, value: Any, keys: tuple[str, ...]) -> None:
        if isinstance(value, bool) or not isinstance(value, Scalar):
            raise PlaybookError(
                f"{self.where(keys)} must be text, a number or a date, got {_kind(value)}. "
                "Quote it if it is meant as text."
            )
        if not isinstance(value, str):
            return
        if len(value) > MAX_VALUE_LENGTH:
            raise PlaybookError(
                f"{self.where(keys)} is {len(value):,} characters long ({shown(value)}); a company value "
                f"is at most {MAX_VALUE_LENGTH} characters. Put longer text on a page."
            )
        problem = line_problem(value)
        if problem:
            raise PlaybookError(
                f"{self.where(keys)} {problem} ({shown(value)}). A company value is one line of text: "
                "write it on one line, and put paragraphs or lists on the page."
            )
        problem = link_problem(value)
        if problem:
            raise PlaybookError(
                f"{self.where(keys)} {problem}: {shown(value)}. Pages use such values as link targets."
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
        return format_date(value, format="long", locale=quantities.babel_locale(language))
    if isinstance(value, (int, float)):
        return quantities.format_number(value, language)
    return str(value)


def as_markdown_text(text: str) -> str:
    """Escape ``text`` so that Markdown renders it literally, as text.

    A value may stand at the start of a line, so what would start a block
    there (a list marker such as "-" or "1.", an indent) is escaped at its start."""
    starts_block = bool(_ORDERED_MARKER.match(text))
    return "".join(
        f"&#{ord(c)};" if c in _SYNTAX or (i == 0 and (c in _SYNTAX_FIRST or starts_block)) else c
        for i, c in enumerate(text)
    )


def fill(markdown: str, variables: Variables, language: str, source: str,
         first_line: int = 1, units: quantities.Units | None = None) -> str:
    """Replace every ``{{ company.… }}`` outside code with its text; a value
    counted in a unit (``…_hours``) comes with the unit's word from ``units``.

    ``first_line`` is the line of ``source`` on which ``markdown`` starts
    (front matter is not part of the Markdown a page hands to the hooks).
    """

    def replace_in(text: str, line: int) -> str:
        def replace(match: re.Match) -> str:
            path, case = match.group("path"), match.group("case")
            if path in MARKERS and case is None:
                return match.group(0)  # expanded later, by its own module
            where = f"{source}:{line + first_line - 1}"
            if path not in variables.values:
                raise PlaybookError(_unknown(path, variables, where))
            return as_markdown_text(_text(path, case, variables.lookup(path, language), language, units, where))

        return VARIABLE.sub(replace, text)

    return map_prose(markdown, replace_in)


def value_text(path: str, variables: Variables, language: str, units: quantities.Units) -> str:
    """A value as a page shows it (with its unit), escaped for Markdown."""
    return as_markdown_text(_text(path, None, variables.lookup(path, language), language, units, path))


def _text(path: str, case: str | None, value: Any, language: str,
          units: quantities.Units | None, where: str) -> str:
    unit = quantities.unit_of(path)
    counted = unit is not None and isinstance(value, (int, float)) and not isinstance(value, bool)
    if case is not None and not counted:
        raise PlaybookError(
            f"{where}: '{{{{ {path} | {case} }}}}' asks for a grammatical case, but {path} is not a number "
            f"counted in a unit (its key would end in {', '.join(s for s, _ in quantities.UNIT_SUFFIXES)}). "
            f"Write '{{{{ {path} }}}}'."
        )
    if not counted or units is None:
        return format_value(value, language)
    case = case or quantities.NOMINATIVE
    cases = units.cases(language, unit)
    if case not in cases:
        hint = closest(case, cases)
        raise PlaybookError(
            f"{where}: '{case}' is not a case that {units.sources[language]} gives for '{unit}' "
            f"(it has {', '.join(cases)}).{f' Did you mean {hint!r}?' if hint else ''} "
            f"Use one of those, or add '{case}:' under '{unit}' in {units.sources[language]}."
        )
    return quantities.quantity(value, unit, language, units, case)


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

