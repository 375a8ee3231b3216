"""Interface text that the project adds (notices, banners, labels).

All of it comes from one table, ``overrides/interface.yml``, with every
language for every entry; a missing entry fails the build. The texts are
plain text: templates escape them, and HTML, Markdown or a line break in one
is refused, since it would show literally.
"""

from __future__ import annotations

import functools
from typing import Any, Mapping

from . import yaml_text
from .errors import PlaybookError
from .plain_text import line_problem, markup_problem, shown


class Texts(dict):
    """One language's interface texts; asking for an unknown key fails the build."""

    def __init__(self, texts: Mapping[str, str], language: str, source: str):
        super().__init__(texts)
        self.language, self.source = language, source

    def __getitem__(self, key: str) -> str:
        try:
            return super().__getitem__(key)
        except KeyError:
            # Not a LookupError on purpose: Jinja would turn that into a silent blank.
            raise PlaybookError(
                f"{self.source}: there is no interface text '{key}'. Add it with all languages."
            ) from None

    def __getattr__(self, key: str) -> str:
        if key.startswith("__"):
            raise AttributeError(key)
        return self[key]


def load_table(text: str, languages: list[str], source: str) -> dict[str, Texts]:
    """Parse and check the table; returns the texts per language."""
    return dict(_load_table(text, tuple(languages), source))


# Read once per text, not once per language build.
@functools.lru_cache(maxsize=8)
def _load_table(text: str, languages: tuple[str, ...], source: str) -> dict[str, Texts]:
    table: Any = yaml_text.load(text, source)
    if not isinstance(table, dict) or not table:
        raise PlaybookError(f"{source}: expected a mapping of text names to {{language: text}} mappings.")
    per_language: dict[str, dict[str, str]] = {language: {} for language in languages}
    problems = []
    for key, texts in table.items():
        if not isinstance(texts, dict):
            problems.append(f"'{key}' must map each language to its text")
            continue
        missing = [language for language in languages if not isinstance(texts.get(language), str) or not texts[language].strip()]
        if missing:
            problems.append(f"'{key}' has no text for {', '.join(missing)}")
        unknown = sorted(set(texts) - set(languages))
        if unknown:
            problems.append(f"'{key}' has text for unknown language(s) {', '.join(map(str, unknown))}")
        for language in languages:
            per_language[language][key] = texts.get(language, "")
            problem = line_problem(per_language[language][key]) or markup_problem(per_language[language][key])
            if problem:
                line = yaml_text.key_line(text, (key, language))
                raise PlaybookError(
                    f"{source}{f':{line}' if line else ''}: the text '{key}' in '{language}' {problem}: "
                    f"{shown(per_language[language][key])}. Interface texts are plain text, shown as written: "
                    "write it on one line, without HTML or Markdown."
                )
    if problems:
        raise PlaybookError(f"{source}: " + "; ".join(problems) + ".")
    return {language: Texts(texts, language, source) for language, texts in per_language.items()}
