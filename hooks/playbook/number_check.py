"""No typed figures: a number followed by a time unit in a page's prose is
refused, in any of the site's languages, because a service level typed on a
page drifts from the company variable that the rest of the playbook (and
the at-a-glance table) reads.

Code, inline code and the variables themselves are left alone. A variable
that is counted in a unit already writes its unit's word, so a unit word
typed after it ("{{ …_hours }} hours") is refused as well.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from . import quantities
from .variables import VARIABLE
from .markdown_text import map_prose
from .errors import PlaybookError
from .plain_text import shown

# Unit words as they follow a number, in each language's forms (stems with
# their endings). English is checked on every page: a translation that keeps
# an English figure is as wrong as one that types its own.
_UNIT_WORDS = {
    "en": r"seconds?|secs?|minutes?|mins?|hours?|hrs?|h|(?:working |business |calendar )?days?|weeks?|months?|years?|rings?",
    "it": r"second[oi]|minut[oi]|min|or[ae]|giorn[oi](?: lavorativ[oi]| di calendario)?|settiman[ae]|mes[ei]|ann[oi]|squill[oi]",
    "nb": r"sekund(?:er)?|minutt(?:er)?|min|timer?|t|dag(?:er)?|døgn|(?:virke|arbeids|kalender)dag(?:er)?|uker?|måned(?:er)?|år|ring(?:esignal(?:er)?)?",
    "pt": r"segundos?|minutos?|min|horas?|h|dias?(?: úte?is| corridos?)?|semanas?|m[eê]s(?:es)?|anos?|toques?",
    "pl": r"sekund\w*|minut\w*|min|godz\w*|h|dni\w*|dzie[nń]\w*|dnia\w*|tydzie[nń]|tygodn?i\w*|miesi[ąę]c\w*|lat|rok\w*|sygna[łl]\w*",
    "sl": r"sekund\w*|minut\w*|min|ur(?:a|e|i|o|ah|ama|ami)?|h|dan\w*|dni|dnev\w*|dneh|ted(?:e)?n\w*|mesec\w*|let|leto|zvonjen\w*",
}
_NUMBER = r"(?<![\w.,/+-])\d+(?:[.,]\d+)?"
_VARIABLE = VARIABLE.pattern


def _pattern(words: str, before: str) -> re.Pattern:
    # "3. sygnale", "hver 2. time": an ordinal is a typed figure too.
    return re.compile(rf"(?P<figure>{before})\.?(?:\s|\xa0|-)*(?P<unit>(?:{words}))(?![\w])", re.IGNORECASE)


_TYPED = {language: _pattern(f"{words}|{_UNIT_WORDS['en']}", _NUMBER) for language, words in _UNIT_WORDS.items()}
_AFTER_VARIABLE = {language: _pattern(f"{words}|{_UNIT_WORDS['en']}", _VARIABLE)
                   for language, words in _UNIT_WORDS.items()}


def check(markdown: str, language: str, source: str, values: Mapping[str, Any],
          first_line: int = 1) -> None:
    """Refuse a typed figure with a unit, or a unit typed after a variable
    that writes its own, naming the file, the line and the variable to use."""
    typed = _TYPED.get(language, _TYPED["en"])
    after = _AFTER_VARIABLE.get(language, _AFTER_VARIABLE["en"])

    def scan(text: str, line: int) -> str:
        where = f"{source}:{line + first_line - 1}"
        for match in after.finditer(text):
            path = match.group("path")
            if quantities.unit_of(path):
                raise PlaybookError(
                    f"{where}: {shown(match.group(0))} types the unit after a variable that writes its own "
                    f"('{{{{ {path} }}}}' gives the number with its unit). Remove {shown(match.group('unit'))}; "
                    "for another grammatical case write '{{ " + path + " | genitive }}' (the cases are in overrides/units/"
                    f"{language}.yml)."
                )
        for match in typed.finditer(_without_variables(text)):
            raise PlaybookError(f"{where}: {shown(match.group(0))} is a typed figure. " + _advice(match, values))
        return text

    map_prose(markdown, scan)


def _without_variables(text: str) -> str:
    return re.sub(_VARIABLE, lambda m: " " * len(m.group(0)), text)


def _advice(match: re.Match, values: Mapping[str, Any]) -> str:
    number = match.group("figure").replace(",", ".")
    counted = {path: value for path, value in values.items() if quantities.unit_of(path)}
    same = [path for path, value in counted.items() if str(value) == number]
    if same:
        use = " or ".join(f"'{{{{ {path} }}}}'" for path in same)
        return (f"Write {use} instead, so that the page says what mkdocs.yml says "
                "(and changes with it).")
    return ("Every time limit or count an agent must meet is a company variable: add one under "
            "extra.company in mkdocs.yml, its key ending in the unit (for example 'sla.callback_hours'), "
            "and write '{{ company.sla.callback_hours }}' here.")
