"""The search index in pieces (hooks/playbook/search_chunks.py): words cut out
as Material's worker cuts them, every piece a file that parses, and file
names that stay inside the search folder whatever a page's words are."""

from __future__ import annotations

import json
import re

import pytest

from playbook import search_chunks

# The separator the playbook's builds write (Material's, with more punctuation).
SEPARATOR = search_chunks.separator_pattern(
    r"""[\s,:;!?=\[\]()\"/'’‘“”„«»–—…]+|(?!\b)(?=[A-Z][a-z])|\.(?!\d)|&[lg]t;""")
CONFIG = {"lang": ["en"], "separator": SEPARATOR.pattern, "pipeline": ["stopWordFilter"]}


def words(markup: str) -> list[str]:
    return list(search_chunks.words(markup, SEPARATOR))


@pytest.mark.parametrize("markup, expected", [
    ("<p>Call the <strong>duty</strong> supervisor.</p>", ["call", "the", "duty", "supervisor"]),
    ("<a href=\"x.html\">Saved replies</a>", ["saved", "replies"]),  # attributes are not text
    ("saveReplies and ServiceLevel", ["save", "replies", "and", "service", "level"]),  # camel case
    ("within\u00a048\u00a0hours", ["within", "48", "hours"]),  # no-break spaces separate
    ("v2.5 costs 1.5 euros. Next", ["v2.5", "costs", "1.5", "euros", "next"]),  # a dot before a digit stays
    ("walk-in «customer» — “rude”…", ["walk-in", "customer", "rude"]),  # hyphens stay, quotes and dashes go
    ("a &lt;b&gt; c", ["a", "b", "c"]),
    ("Ždaj ČAKAJ ŠE", ["ždaj", "čakaj", "še"]),
    ("", []),
    # Stray angle brackets, as Material's extract treats them: a ">" drops the
    # text before it, a "<" ends a text and starts one that keeps it.
    ("a > b < c", ["b", "<", "c"]),
    ("x<", ["x", "<"]),
    ("<<>>y", ["<", "y"]),  # the second "<" ends the text "<" the first began
    ("</a>b<br/>c", ["b", "c"]),
])
def test_words_are_cut_out_of_the_markup_as_the_worker_cuts_them(markup, expected):
    assert words(markup) == expected


def test_javascript_white_space_separates_but_python_only_white_space_does_not():
    # JavaScript's \s has U+FEFF and U+00A0; it lacks U+001C–U+001F, which Python's has.
    assert words("one\ufefftwo\u202fthree") == ["one", "two", "three"]
    assert words("one\x1ctwo") == ["one\x1ctwo"]


@pytest.mark.parametrize("word, forms", [
    ("walk-in", ["walkin", "walk", "in"]),
    ("e-mail", ["email", "e", "mail"]),
    ("-leading", ["leading"]),
    ("plain", ["plain"]),
])
def test_a_hyphenated_word_is_filed_under_each_form_the_worker_makes(word, forms):
    assert search_chunks.word_forms(word) == forms


def entries(*pages: tuple[str, list[tuple[str, str]]]) -> list[dict]:
    """Index entries: for each page, its own entry then its sections'."""
    found = []
    for page, sections in pages:
        found.append({"location": page, "title": page.strip("/") or "Home", "text": ""})
        found += [{"location": f"{page}#{anchor}", "title": anchor, "text": text} for anchor, text in sections]
    return found


def test_every_piece_parses_and_the_setup_says_where_the_pieces_are():
    index = entries(("channels/", [("voicemail", "<p>Check voicemail every hour.</p>"),
                                    ("walk-in", "<p>Walk-in customers wait at the counter.</p>")]),
                    ("complaints/", [("rude", "<p>A rude customer gets one warning.</p>")]))
    files = search_chunks.chunk_files(index, CONFIG)
    parsed = {path: json.loads(text) for path, text in files.items()}
    setup = parsed.pop(search_chunks.SETUP_FILE)
    assert setup["docs"] == [] and setup["config"]["separator"] == CONFIG["separator"]
    playbook = setup["config"]["playbook"]
    assert playbook["documents"] == len(index) == 5
    assert playbook["pages"] == [0, 3]
    sections = {path: data for path, data in parsed.items() if path.startswith("search/sections/")}
    assert sections == {"search/sections/0.json": index[:3], "search/sections/1.json": index[3:]}
    word_files = {path: data for path, data in parsed.items() if path.startswith("search/words/")}
    assert sorted(playbook["keys"]) == sorted(path.rsplit("/", 1)[1][:-5] for path in word_files)
    # "voicemail": document 1, text once; "customer(s)": documents 2 and 4; "walk-in" under wa-, in- and wa- again
    vo = word_files[f"search/words/{search_chunks.key('vo')}.json"]
    assert vo["voicemail"] == {"text": [1, 1], "title": [1, 1]}
    cu = word_files[f"search/words/{search_chunks.key('cu')}.json"]
    assert cu["customers"] == {"text": [2, 1]} and cu["customer"] == {"text": [4, 1]}
    assert "walk-in" in word_files[f"search/words/{search_chunks.key('wa')}.json"]
    assert "walk-in" in word_files[f"search/words/{search_chunks.key('in')}.json"]


def test_counts_and_gaps_decode_to_the_documents_and_how_often_the_word_is_there():
    index = entries(("a/", [("one", "hold hold hold"), ("two", "nothing"), ("three", "hold")]))
    files = search_chunks.chunk_files(index, CONFIG)
    flat = json.loads(files[f"search/words/{search_chunks.key('ho')}.json"])["hold"]["text"]
    decoded, number = [], 0
    for gap, count in zip(flat[::2], flat[1::2]):
        number += gap
        decoded.append((index[number]["location"], count))
    assert decoded == [("a/#one", 3), ("a/#three", 1)]


@pytest.mark.parametrize("hostile", [
    "../../etc/passwd", "..\\..\\boot.ini", "\x00null", "con", "<script>alert(1)</script>",
    "%2e%2e%2f", "\u202etxt.exe", "😀😀", "a" * 300, "\x1f\x7f\u2028",
])
def test_hostile_words_give_file_names_of_hex_digits_only(hostile):
    index = entries(("page/", [("s", f"<p>{hostile} word</p>")]))
    files = search_chunks.chunk_files(index, CONFIG)
    for path in files:
        assert re.fullmatch(r"search/(setup|words/[0-9a-f]+(-[0-9a-f]+)?|sections/\d+)\.json", path), path
    for text in files.values():
        json.loads(text)  # control characters and line separators are escaped, not written raw


def test_the_version_changes_with_the_content_and_not_otherwise():
    first = entries(("a/", [("one", "hold the line")]))
    changed = entries(("a/", [("one", "hold the phone")]))

    def version(index):
        return json.loads(search_chunks.chunk_files(index, CONFIG)[search_chunks.SETUP_FILE])["config"]["playbook"]["version"]

    assert version(first) == version(entries(("a/", [("one", "hold the line")])))
    assert version(first) != version(changed)


def test_an_empty_index_still_has_a_setup_and_nothing_else():
    files = search_chunks.chunk_files([], CONFIG)
    assert list(files) == [search_chunks.SETUP_FILE]
    assert json.loads(files[search_chunks.SETUP_FILE])["config"]["playbook"]["documents"] == 0
