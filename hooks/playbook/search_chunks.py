"""The search index in pieces, so that a first search downloads only what it needs.

Material's worker downloads a language's whole index and builds it in the
browser at every page view where search is used: at 400 pages a language
that is most of a megabyte and seconds of work. The playbook writes the same
index a second time, split (beside ``search/search_index.json``, which stays
whole for tools and tests):

- ``search/setup.json``: what Material's worker is set up with (the config,
  no documents), plus where the pieces are (``config.playbook``);
- ``search/words/<key>.json``: for the words of each two-letter start, the
  sections they occur in, by field and with how often (``key``: the start's
  code points in hex, ``"72-75"`` for "ru");
- ``search/sections/<n>.json``: the entries of one page, as Material wrote them.

The worker (overrides/assets/javascripts/lunr/playbook-chunks.js) downloads
the words of what is typed, ranks the sections with global statistics, then
downloads the pages of the best ones only and lets Material show them.

Words are cut out of the text here exactly as Material's worker does
(its HTML-aware tokenizer and the index's separator), and kept as written:
stemming, stop words and hyphenated words are left to the worker's own
pipeline, so that the browser never meets a word form it would make otherwise.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from typing import Iterable, Iterator, Mapping

SETUP_FILE = "search/setup.json"
WORDS_DIR = "search/words"
SECTIONS_DIR = "search/sections"
KEY_LENGTH = 2  # words are filed by their first two letters
FIELDS = ("title", "text")

# JavaScript's \s, which the separator uses; Python's differs (no U+FEFF, and
# with re.ASCII, which \b needs to match JavaScript's, no U+00A0 either).
JS_WHITE_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def separator_pattern(separator: str) -> re.Pattern:
    """The index's separator (a JavaScript expression without flags) as Python's."""
    return re.compile(separator.replace(r"\s", JS_WHITE_SPACE), re.ASCII)


_ANGLE = re.compile(r"[<>]")


def text_ranges(markup: str) -> Iterator[str]:
    """The text between the tags of ``markup``: Material's ``extract``, which
    its tokenizer uses (internal/extract in its sources). Its loop acts on
    "<" and ">" only (a text starts after each ">" and ends at a "<"), so only
    those are visited here, not every character (the build's hot path)."""
    start = 0
    for angle in _ANGLE.finditer(markup):
        end = angle.start()
        if angle.group() == ">":
            start = end + 1
        elif end > start:
            yield markup[start:end]
            start = end
    if len(markup) > start:
        yield markup[start:]


def split(text: str, separator: re.Pattern) -> list[str]:
    """The parts of ``text`` between separators: Material's ``split``. Its
    loop steps one character past a zero-length match (the camel-case
    lookahead), as ``re.split`` does; no separator can start a longer match
    where that lookahead matches (an upper-case letter is no separator), and
    the separator captures nothing, so only the empty parts are left out."""
    return [part for part in separator.split(text) if part]


def words(markup: str, separator: re.Pattern) -> list[str]:
    """The words Material's worker indexes in a field, lowercased, as written."""
    return [word.lower() for text in text_ranges(markup) for word in split(text, separator)]


def word_forms(word: str) -> list[str]:
    """The forms the worker's pipeline makes of a hyphenated word before it stems
    (playbook-word-forms.js: joined and as its parts), or the word itself."""
    if "-" not in word:
        return [word]
    parts = [part for part in word.split("-") if part]
    return [("".join(parts))] + (parts if len(parts) > 1 else [])


def key(word: str) -> str:
    """The file a word is in: its first letters' code points in hex."""
    return "-".join(f"{ord(char):x}" for char in word[:KEY_LENGTH])


def page_of(location: str) -> str:
    return location.split("#", 1)[0]


def by_page(entries: Iterable[Mapping]) -> list[list[dict]]:
    """The entries grouped by page, pages in the order they first appear."""
    pages: dict[str, list[dict]] = {}
    for entry in entries:
        pages.setdefault(page_of(entry["location"]), []).append(dict(entry))
    return list(pages.values())


def _compact(data) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False, default=str)


def chunk_files(entries: list[Mapping], config: Mapping) -> dict[str, str]:
    """``{path relative to the language root: JSON text}`` for one language's
    index in pieces, from its entries and the config of its whole index."""
    separator = separator_pattern(config["separator"])
    pages = by_page(entries)
    documents = [entry for page in pages for entry in page]

    # word -> field -> [(document number, count)], documents in order
    postings: dict[str, dict[str, list[list[int]]]] = {}
    for number, entry in enumerate(documents):
        for field in FIELDS:
            for word, count in Counter(words(str(entry.get(field) or ""), separator)).items():
                postings.setdefault(word, {}).setdefault(field, []).append([number, count])

    # A file per key: each word in the file of every form the worker makes of it.
    files_by_key: dict[str, dict[str, dict[str, list[int]]]] = {}
    for word in sorted(postings):
        encoded = {field: _gaps(postings[word][field]) for field in FIELDS if field in postings[word]}
        for form_key in dict.fromkeys(key(form) for form in word_forms(word) if form):
            files_by_key.setdefault(form_key, {})[word] = encoded

    files = {f"{WORDS_DIR}/{name}.json": _compact(data) for name, data in files_by_key.items()}
    files.update({f"{SECTIONS_DIR}/{number}.json": _compact(page) for number, page in enumerate(pages)})
    starts, total = [], 0
    for page in pages:
        starts.append(total)
        total += len(page)
    fingerprint = hashlib.sha256("".join(sorted(files.values())).encode()).hexdigest()[:12]
    setup = dict(config)
    # The ranking of the pieces knows sections by number: their pages' boosts by number too.
    boosts = dict(config.get("boosts") or {})
    boosts.update({str(number): boosts[page_of(entry["location"])] for number, entry in enumerate(documents)
                   if page_of(entry["location"]) in boosts})
    if boosts:
        setup["boosts"] = boosts
    setup["playbook"] = {
        "documents": len(documents),
        "pages": starts,              # the first document number of each page's file
        "keys": sorted(files_by_key),  # the word files that exist
        "words": WORDS_DIR.rpartition("/")[2],       # folders, relative to the set-up file
        "sections": SECTIONS_DIR.rpartition("/")[2],
        "version": fingerprint,       # changes with the content, so a stale file is never mixed in
    }
    files[SETUP_FILE] = _compact({"config": setup, "docs": []})
    return files


def _gaps(pairs: list[list[int]]) -> list[int]:
    """``[[number, count], ...]`` as a flat list of gaps between numbers and counts."""
    flat, previous = [], 0
    for number, count in pairs:
        flat += [number - previous, count]
        previous = number
    return flat
