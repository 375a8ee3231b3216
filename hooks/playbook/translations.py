"""Translations kept in step with English: parity, fallback and freshness.

A translated page records in its front matter which English text it was
translated from (``source_hash``). When the English page changes, the hash no
longer matches and the translation is out of date until a translator reviews
it and records the new hash (``make translated``).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from typing import Mapping

from . import anchors, yaml_text
from .errors import PlaybookError
from .markdown_text import map_prose
from .variables import VARIABLE, Variables, fill

HASH_KEY = "source_hash"
UP_TO_DATE, OUT_OF_DATE, MISSING = "up to date", "out of date", "missing"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)


def split_front_matter(source: str, path: str = "front matter") -> tuple[dict, str]:
    """The front matter's data and the Markdown body. ``path`` names the page
    in an error (check_front_matter checks every page, with its path, first)."""
    meta, body = _split_front_matter(source, path)
    return dict(meta), body


# Every language build checks all sources again: parse each text once.
@functools.lru_cache(maxsize=4096)
def _split_front_matter(source: str, path: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(source)
    if not match:
        return {}, source
    # The YAML starts on the line after the opening "---".
    meta = yaml_text.load(match.group("yaml") or "", path, first_line=2) or {}
    return (meta if isinstance(meta, dict) else {}), source[match.end():]


def source_hash(english_source: str) -> str:
    """A short fingerprint of an English page's body (front matter excluded)."""
    _, body = split_front_matter(english_source)
    normalized = "\n".join(line.rstrip() for line in body.strip().splitlines())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:12]


def recorded_hash(translated_source: str) -> str | None:
    meta, _ = split_front_matter(translated_source)
    value = meta.get(HASH_KEY)
    return str(value) if value is not None else None


def with_hash(translated_source: str, new_hash: str) -> str:
    """The translated source with ``source_hash`` set, the rest unchanged."""
    match = _FRONT_MATTER.match(translated_source)
    line = f"{HASH_KEY}: {new_hash}"
    if not match:
        return f"---\n{line}\n---\n\n{translated_source}"
    front = match.group("yaml") or ""
    if re.search(rf"^{HASH_KEY}:.*$", front, re.M):
        front = re.sub(rf"^{HASH_KEY}:.*$", line, front, count=1, flags=re.M)
    else:
        front = front + line + "\n"
    return f"---\n{front}---\n{translated_source[match.end():]}"


def variables_used(source: str) -> set[str]:
    return set(_variables_used(source))


@functools.lru_cache(maxsize=4096)
def _variables_used(source: str) -> frozenset[str]:
    found: set[str] = set()

    def collect(text: str, _line: int) -> str:
        found.update(m.group("path") for m in VARIABLE.finditer(text))
        return text

    map_prose(split_front_matter(source)[1], collect)
    return frozenset(found)


@dataclass(frozen=True)
class Docs:
    """The Markdown sources by language and page: ``pages["pl"]["channels"]``."""

    pages: Mapping[str, Mapping[str, str]]
    default_language: str

    @property
    def english(self) -> Mapping[str, str]:
        return self.pages.get(self.default_language, {})

    def path(self, language: str, page: str) -> str:
        return f"docs/{language}/{page}.md"


def check_sources(docs: Docs, variables: Variables) -> None:
    """Every page's front matter, then its variables, then the translations'
    parity. In this order because the parity check compares the variables a
    translation uses with its English page's: a typo on the English page
    must be reported as the unknown variable it is, at its line, and not as
    every translation being out of step."""
    check_front_matter(docs)
    check_variables(docs, variables)
    check_parity(docs)


def _pages_in_order(docs: Docs):
    """``(language, page, source)``, the default language first."""
    for language in sorted(docs.pages, key=lambda code: (code != docs.default_language, code)):
        for page, source in sorted(docs.pages[language].items()):
            yield language, page, source


def check_front_matter(docs: Docs) -> None:
    """Valid YAML front matter on every page, or an error naming the page and the line."""
    for language, page, source in _pages_in_order(docs):
        split_front_matter(source, docs.path(language, page))


def check_variables(docs: Docs, variables: Variables) -> None:
    """An unknown variable on any page, reported by the same code and with the
    same message (file, line, "did you mean") as when the page is built."""
    for language, page, source in _pages_in_order(docs):
        if variables_used(source) <= variables.values.keys():
            continue
        body = split_front_matter(source)[1]
        fill(body, variables, language, docs.path(language, page), first_line=source[: len(source) - len(body)].count("\n") + 1)


def check_parity(docs: Docs) -> None:
    """Fail unless each translation matches its English page's ids and variables."""
    problems = []
    for language, pages in sorted(docs.pages.items()):
        if language == docs.default_language:
            continue
        for page, source in sorted(pages.items()):
            where = f"{language}: {docs.path(language, page)}"
            english = docs.english.get(page)
            if english is None:
                problems.append(
                    f"{where} exists only in this translation; there is no {docs.path(docs.default_language, page)}. "
                    "Add the English page first, or remove this one."
                )
                continue
            problems += _differences(where, docs.path(docs.default_language, page), english, source)
    if problems:
        raise PlaybookError("Translations out of step with English:\n  " + "\n  ".join(problems))


def _differences(where: str, english_path: str, english: str, translated: str) -> list[str]:
    problems = []
    want = anchors.section_ids(anchors.headings(english))
    have = anchors.section_ids(anchors.headings(translated))
    if want != have:
        missing = [i for i in want if i not in have]
        extra = [i for i in have if i not in want]
        detail = []
        if missing:
            detail.append("missing " + ", ".join(f"#{i}" for i in missing))
        if extra:
            detail.append("not in English " + ", ".join(f"#{i}" for i in extra))
        if not detail:
            detail.append(f"order differs: English has {', '.join(want)}")
        problems.append(f"{where}: section ids differ from {english_path}: {'; '.join(detail)}.")
    want_vars, have_vars = variables_used(english), variables_used(translated)
    if want_vars != have_vars:
        detail = []
        if want_vars - have_vars:
            detail.append("missing " + ", ".join(f"{{{{ {v} }}}}" for v in sorted(want_vars - have_vars)))
        if have_vars - want_vars:
            detail.append("not in English " + ", ".join(f"{{{{ {v} }}}}" for v in sorted(have_vars - want_vars)))
        problems.append(f"{where}: variables differ from {english_path}: {'; '.join(detail)}.")
    return problems


def status(docs: Docs, languages: list[str]) -> dict[tuple[str, str], str]:
    """``{(page, language): state}`` for every English page and translation language."""
    check_front_matter(docs)
    return {
        (page, language): page_state(english, docs.pages.get(language, {}).get(page))
        for page, english in sorted(docs.english.items())
        for language in languages
        if language != docs.default_language
    }


def page_state(english: str | None, translated: str | None) -> str:
    if translated is None:
        return MISSING
    if english is None or recorded_hash(translated) == source_hash(english):
        return UP_TO_DATE
    return OUT_OF_DATE


def status_table(states: Mapping[tuple[str, str], str], languages: list[str]) -> str:
    pages = sorted({page for page, _ in states})
    header = ["page"] + languages
    rows = [[page] + [states[page, language] for language in languages] for page in pages]
    widths = [max(len(row[i]) for row in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in [header] + rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
