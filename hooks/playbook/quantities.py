"""Quantities: a company value counted in a unit reads right for any number.

A value whose key ends in a unit (``email_reply_hours``, ``phone_rings``,
``complaint_resolution_working_days``) is written with its unit, in the
form that CLDR's plural rules (through Babel) pick for the number in the
page's language: *1 godzina, 2 godziny, 5 godzin, 22 godziny*, and the
Slovenian dual *2 uri*.

The words come from one file per language, ``overrides/units/<language>.yml``: for
each unit, the forms of each grammatical case that the pages use, one per
plural category of the language. A page asks for a case after the value,
``{{ company.sla.email_reply_hours | genitive }}`` (Polish *w ciągu 8
godzin*); without one it gets the ``nominative``. So the sentence around a
value is written once and holds for every value.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Mapping

from babel import Locale
from babel.numbers import format_decimal

from . import yaml_text
from .errors import PlaybookError, closest
from .plain_text import line_problem, markup_problem, shown

# Key endings and the unit they count, longest first ("_working_days" before "_days").
UNIT_SUFFIXES = (
    ("_calendar_days", "calendar_days"),
    ("_working_days", "working_days"),
    ("_seconds", "seconds"),
    ("_minutes", "minutes"),
    ("_hours", "hours"),
    ("_months", "months"),
    ("_rings", "rings"),
)
UNITS = tuple(unit for _, unit in UNIT_SUFFIXES)
NOMINATIVE = "nominative"
# English follows British usage, dates included (20 November 2026): the
# company is in the UK, and its spelling already is British.
_BABEL_LOCALE = {"en": "en_GB"}
_CASE = re.compile(r"^[a-z]+$")


def babel_locale(language: str) -> str:
    """The CLDR locale that formats numbers and dates for a site language."""
    return _BABEL_LOCALE.get(language, language)


def unit_of(path: str) -> str | None:
    """The unit a variable counts in, from the end of its key; None for other values."""
    return next((unit for suffix, unit in UNIT_SUFFIXES if path.endswith(suffix)), None)


@functools.lru_cache(maxsize=None)
def plural_categories(language: str) -> tuple[str, ...]:
    """The CLDR plural categories of ``language`` (English: one, other)."""
    return tuple(sorted(Locale.parse(language).plural_form.tags | {"other"}))


@functools.lru_cache(maxsize=None)
def _plural_rule(language: str):
    return Locale.parse(language).plural_form


def plural_category(number: Any, language: str) -> str:
    return _plural_rule(language)(number)


# Babel is slow to format, and the same few values recur on every page.
# (The type is part of the key: True == 1, but they format differently.)
@functools.lru_cache(maxsize=4096)
def _format_number(_type: type, number: Any, language: str) -> str:
    return format_decimal(number, locale=babel_locale(language))


def format_number(number: Any, language: str) -> str:
    """A number as the language writes it (12,500 / 12 500 / 1,5)."""
    return _format_number(type(number), number, language)


@dataclass(frozen=True)
class Units:
    """Per language: unit -> case -> plural category -> word."""

    forms: Mapping[str, Mapping[str, Mapping[str, Mapping[str, str]]]]
    sources: Mapping[str, str]  # language -> the file, for messages

    def cases(self, language: str, unit: str) -> list[str]:
        return list(self.forms[language][unit])

    def word(self, number: Any, unit: str, language: str, case: str = NOMINATIVE) -> str:
        return self.forms[language][unit][case][plural_category(number, language)]


def quantity(number: Any, unit: str, language: str, units: Units, case: str = NOMINATIVE) -> str:
    """``8 godzin``: the number formatted for the language, then its unit's word."""
    return f"{format_number(number, language)} {units.word(number, unit, language, case)}"


def load(texts: Mapping[str, str], sources: Mapping[str, str]) -> Units:
    """Check and read each language's units file (``texts``: language -> YAML)."""
    forms = {language: _load_language(text, language, sources[language]) for language, text in texts.items()}
    return Units(forms, dict(sources))


def _load_language(text: str, language: str, source: str) -> dict:
    table: Any = yaml_text.load(text, source)
    categories = plural_categories(language)

    def where(*keys: str) -> str:
        line = yaml_text.key_line(text, keys)
        return f"{source}{f':{line}' if line else ''}"

    if not isinstance(table, dict):
        raise PlaybookError(f"{source}: expected a mapping of units ({', '.join(UNITS)}) to their forms.")
    unknown = [unit for unit in table if unit not in UNITS]
    if unknown:
        hint = closest(str(unknown[0]), UNITS)
        raise PlaybookError(
            f"{where(unknown[0])}: {shown(unknown[0])} is not a unit the company values count in "
            f"({', '.join(UNITS)}).{f' Did you mean {hint!r}?' if hint else ''}"
        )
    missing = [unit for unit in UNITS if unit not in table]
    if missing:
        raise PlaybookError(f"{source}: the unit(s) {', '.join(missing)} have no forms. Add them, "
                            f"each with at least '{NOMINATIVE}'.")
    for unit, cases in table.items():
        if not isinstance(cases, dict) or NOMINATIVE not in cases:
            raise PlaybookError(f"{where(unit)}: '{unit}' needs its grammatical cases, at least "
                                f"'{NOMINATIVE}:', each mapping {', '.join(categories)} to a word.")
        for case, words in cases.items():
            if not isinstance(case, str) or not _CASE.match(case):
                raise PlaybookError(f"{where(unit)}: {shown(case)} is not a case name; use lowercase "
                                    "letters, such as 'genitive'.")
            if not isinstance(words, dict):
                raise PlaybookError(f"{where(unit, case)}: '{unit}.{case}' must map the plural categories "
                                    f"of '{language}' ({', '.join(categories)}) to words.")
            absent = [c for c in categories if not isinstance(words.get(c), str) or not words[c].strip()]
            extra = sorted(set(map(str, words)) - set(categories))
            if absent or extra:
                raise PlaybookError(
                    f"{where(unit, case)}: '{unit}.{case}' "
                    + (f"has no word for {', '.join(absent)}" if absent else f"has {', '.join(extra)}, "
                       f"which is not a plural category of '{language}'")
                    + f". '{language}' has the categories {', '.join(categories)} "
                    f"(for 1, 2, 5 and 22: {', '.join(plural_category(n, language) for n in (1, 2, 5, 22))})."
                )
            for category, word in words.items():
                problem = line_problem(word) or markup_problem(word)
                if problem:
                    raise PlaybookError(f"{where(unit, case, category)}: the word {shown(word)} {problem}; "
                                        "write the unit's word as plain text.")
    return table
