"""Word forms in search, run in Chromium: the Polish and Slovenian stemmers
themselves, and the site's search worker, which must treat a word the same
way when indexing and when searching."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from playbook import search
from search_report import search_in_page

pytestmark = pytest.mark.browser

# The files Material's worker and the playbook's worker load, in their order.
_STEM = """
async ({scripts, language, words}) => {
  const code = `importScripts(${scripts.map(s => JSON.stringify(s)).join(", ")})
    postMessage(${JSON.stringify(words)}.map(word => lunr[${JSON.stringify(language)}].stem(word)))`
  const worker = new Worker(URL.createObjectURL(new Blob([code], {type: "text/javascript"})))
  const stems = await new Promise((resolve, reject) => {
    worker.onmessage = event => resolve(event.data)
    worker.onerror = event => reject(new Error(event.message))
  })
  worker.terminate()
  return stems
}
"""


@pytest.fixture
def stem(page, served_site):
    """``stem(language, words)``: the shipped stemmer's output, in a worker like the site's."""
    page.goto(f"{served_site}/")
    worker = json.loads(page.locator("#__config").text_content())["search"]
    material = parse_qs(urlsplit(worker).query)["material"][0]
    base = f"{served_site}/assets/javascripts/"
    scripts = [f"{base}workers/{material}", f"{base}lunr/playbook-word-forms.js",
               f"{base}lunr/min/lunr.pl.min.js", f"{base}lunr/min/lunr.sl.min.js"]

    def run(language: str, words: list[str]) -> dict[str, str]:
        return dict(zip(words, page.evaluate(_STEM, {"scripts": scripts, "language": language, "words": words})))

    return run


# A word as typed, and forms of it in the text: the stem of what is typed is
# searched as a prefix, so it must start every form.
FORMS = {
    "pl": {
        "reklamacja": ["reklamacja", "reklamacji", "reklamację", "reklamacją", "reklamacje", "reklamacjami", "reklamacjach"],
        "klient": ["klient", "klienta", "klientowi", "klientem", "klientów", "klientom", "klientami"],
        "zgłoszenie": ["zgłoszenia", "zgłoszeniu", "zgłoszeniem", "zgłoszeniach"],
        "odpowiedź": ["odpowiedź", "odpowiedzi", "odpowiedzią", "odpowiedziami"],
        "zażółć": ["zażółć", "zażółcić", "zażółcę", "zażółci", "zażółcicie"],
        "wniosek": ["wniosek", "wniosku", "wnioski", "wniosków"],
        "witamy": ["witamy", "witacie", "witani", "witany", "witana", "witane"],  # verbs and their participles
    },
    "sl": {
        "pritožba": ["pritožba", "pritožbe", "pritožbi", "pritožbo", "pritožb", "pritožbam", "pritožbami", "pritožbah"],
        "stranka": ["stranka", "stranke", "stranki", "stranko", "strank", "strankam", "strankami"],
        "odgovor": ["odgovor", "odgovora", "odgovoru", "odgovorom", "odgovori", "odgovorov"],
        "zaključek": ["zaključek", "zaključka", "zaključku", "zaključkom"],
        "eskalirati": ["eskalirati", "eskaliramo", "eskalirajte", "eskalirana"],
    },
}


@pytest.mark.parametrize("language", sorted(FORMS))
def test_the_stem_of_a_typed_word_starts_every_form_of_it(stem, language):
    for typed, forms in FORMS[language].items():
        stems = stem(language, [typed] + forms)
        for form in forms:
            assert form.startswith(stems[typed]), (typed, stems[typed], form)
            assert stems[form].startswith(stems[typed]), (typed, stems[typed], form, stems[form])


def test_stemming_keeps_diacritics_and_leaves_short_words_numbers_and_addresses(stem):
    assert stem("pl", ["zażółć", "gęślą", "jaźń"]) == {"zażółć": "zażół", "gęślą": "gęśl", "jaźń": "jaź"}
    assert stem("sl", ["pritožba", "čakanje", "žalbe"]) == {"pritožba": "pritožb", "čakanje": "čakanj", "žalbe": "žalb"}
    for language in ("pl", "sl"):
        kept = ["na", "v", "24", "support@brightwater", "2.5"]
        assert stem(language, kept) == {word: word for word in kept}


INDEX_FIELDS = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}

# lunr language, documents (location: text), and query -> the documents it must find.
CASES = {
    "en": ({"a/": "We reply to every email within a day.", "b/": "Replacements need approval."},
           {"replies": ["a/"], "replying": ["a/"], "repl": ["a/", "b/"], "emails": ["a/"]}),
    "it": ({"a/": "Il cliente ha presentato due reclami.", "b/": "Scrivi un'e-mail al cliente."},
           {"reclamo": ["a/"], "email": ["b/"], "e-mail": ["b/"]}),
    "pt": ({"a/": "Registre todas as reclamações.", "b/": "Responda em 24 horas."},
           {"reclamação": ["a/"], "24 horas": ["b/"]}),
    "no": ({"a/": "Kunden sendte en klage.", "b/": "Svar på e-post innen 24 timer."},
           {"klager": ["a/"], "epost": ["b/"], "e-post": ["b/"], "24": ["b/"]}),
    "pl": ({"a/": "Nie rozpatrzono reklamacji.", "b/": "Trzeba zażółcić formularz.", "c/": "Trzeba zazolcic formularz.",
            "d/": "Napisz e-mail do klienta."},
           {"reklamacja": ["a/"], "zażółć": ["b/"], "zazolc": ["c/"], "email": ["d/"], "klientów": ["d/"]}),
    "sl": ({"a/": "Stranka je poslala pritožbe.", "b/": "Odgovorite v 24 urah."},
           {"pritožba": ["a/"], "pritožbami": ["a/"], "24 ur": ["b/"], "odgovor": ["b/"]}),
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_the_search_worker_finds_other_forms_of_a_word(page, served_site, language):
    texts, expected = CASES[language]
    docs = [{"location": location, "title": location, "text": text} for location, text in texts.items()]
    index = json.loads(search.index_json(docs, language, INDEX_FIELDS))  # the settings the build writes
    page.goto(f"{served_site}/")
    results = search_in_page(page, list(expected), index)
    assert dict(zip(expected, [sorted(found) for found in results])) == expected


def test_stop_words_and_short_prefixes_are_left_out_of_longer_queries_only(page, served_site):
    texts = {"a/": "Reply on time.", "b/": "Online ordering.", "c/": "Onboarding new staff.", "d/": "Urgent: reply in 24 hours."}
    docs = [{"location": location, "title": location, "text": text} for location, text in texts.items()]
    index = json.loads(search.index_json(docs, "en", INDEX_FIELDS))
    page.goto(f"{served_site}/")
    queries = {
        "reply on": ["a/", "d/"],   # "on" as a prefix would also find b/ and c/
        "on": ["b/", "c/"],         # alone, it may be the start of a word
        "24 ur": ["d/"],            # with another word, "ur" must be whole: no word here
        "ur": ["d/"],               # alone, a prefix: "urgent"
    }
    results = search_in_page(page, list(queries), index)
    assert dict(zip(queries, [sorted(found) for found in results])) == queries


@pytest.mark.parametrize("language, typed, stem", [("pl", "skarga", "skarg"), ("sl", "pritožba", "pritožb")])
def test_a_word_finds_every_section_with_only_other_forms_of_it(page, served_site, real_site, language, typed, stem):
    # On the built site: sections that never use the typed form, only others.
    index = json.loads((real_site / search.index_path(language, "en")).read_text(encoding="utf-8"))
    only_others = set()
    for doc in index["docs"]:
        words = set(re.findall(r"\w+", (doc["title"] + " " + doc["text"]).lower()))
        if typed not in words and any(word.startswith(stem) for word in words):
            only_others.add(doc["location"])
    assert len(only_others) >= 3, only_others
    page.goto(f"{served_site}/{language}/")
    # The whole index, built in the worker: the pieces show a query's best 20 sections only
    # (test_search_pieces.py holds them to the whole index's first results).
    [found] = search_in_page(page, [typed], index)
    assert only_others <= set(found), only_others - set(found)
