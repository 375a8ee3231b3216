"""Ranking in the playbook's search, run in Chromium through the site's search
worker (overrides/assets/javascripts/lunr/playbook-ranking.js): the deciding
word wins, more of the words ranks higher, stop and question words are left
out, a misspelt word is found, synonyms map the agents' words to the
playbook's, and the list is shown in ranking order. Then the synonym files
and their checks (search/synonyms/<language>.yml)."""

from __future__ import annotations

import json

import pytest

from conftest import REPO, BuildFailed, build_site, project_copy, project_sandbox
from playbook import search
from playbook.errors import PlaybookError
from search_report import language_home, search_in_page, shown_in_page

FIELDS = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}

# A small playbook of its own: "customer" heads three sections, "rude" is in one text only ...
DOCS = {
    "a/": ("Customers", "What this page is about."),
    "a/#customer-rights": ("Customer rights", "The customer may ask for a copy of the record."),
    "a/#customer-types": ("Customer types", "New and returning customers."),
    "a/#customer-history": ("Customer history", "Look up the customer's earlier tickets."),
    "b/": ("Conversations", "Talking to people."),
    "b/#difficult-conversations": ("Difficult conversations", "Stay calm when a caller is rude or shouts."),
    "c/": ("Voicemail", "Messages left by callers."),
    "c/#voicemail-handling": ("Voicemail", "Voicemail is checked every two hours and answered within thirty minutes."),
    "c/#callbacks": ("Callbacks", "Call back at the agreed time."),
    "d/": ("Tools", "The tools we use."),
    "d/#tools-and-systems": ("Tools and systems", "Use saved replies, while still personalising every message."),
}
# ... and "customer" in most texts, as in the playbook.
DOCS.update({f"f/#rule-{n}": (f"Rule {n}", f"Rule {n} of serving the customer well.") for n in range(10)})


def index(docs=DOCS, language="en", synonyms=None) -> dict:
    entries = [{"location": location, "title": title, "text": text} for location, (title, text) in docs.items()]
    return json.loads(search.index_json(entries, language, FIELDS, synonyms))


@pytest.fixture
def worker_page(page, served_site):
    page.goto(f"{served_site}/")
    return page


def sections(found: list[str]) -> list[str]:
    return [location for location in found if "#" in location]



@pytest.mark.browser
def test_the_rare_word_decides_over_a_common_heading_word(worker_page):
    [alone, together] = search_in_page(worker_page, ["rude", "rude customer"], index())
    assert alone[0] == "b/#difficult-conversations"
    # "customer" heads three sections; the one that says "rude" still comes first.
    assert sections(together)[0] == "b/#difficult-conversations", together


@pytest.mark.browser
def test_more_of_the_words_ranks_higher_and_a_missing_word_still_finds(worker_page):
    [found] = search_in_page(worker_page, ["voicemail callback thirty minutes"], index())
    assert found[0] == "c/#voicemail-handling"  # three of the four words
    [found] = search_in_page(worker_page, ["voicemail zebra"], index())
    assert "c/#voicemail-handling" in found  # "zebra" is nowhere


@pytest.mark.browser
def test_stop_and_question_words_are_left_out_of_scoring(worker_page):
    plain, asked = search_in_page(worker_page, ["saved replies", "what are the saved replies?"], index())
    assert asked == plain and asked[0] == "d/#tools-and-systems"
    # A question word typed alone is searched rather than nothing.
    [only] = search_in_page(worker_page, ["shall"], index({"x/": ("Notes", "Shall we start?"), "y/": ("Other", "Nothing.")}))
    assert only == ["x/"]


@pytest.mark.browser
def test_a_word_misspelt_by_one_letter_is_found_below_the_exact_word(worker_page):
    docs = dict(DOCS, **{"e/": ("Voice mails", "Voicemails are logged."), "e/#voicemal": ("Voicemal", "A product called Voicemal.")})
    [misspelt] = search_in_page(worker_page, ["voicemial"], index())
    assert misspelt and misspelt[0] in ("c/", "c/#voicemail-handling"), misspelt
    # One edit, and only for words of five letters or more.
    assert search_in_page(worker_page, ["rde"], index()) == [[]]
    [exact_first] = search_in_page(worker_page, ["voicemal"], index(docs))
    assert exact_first[0] == "e/#voicemal", exact_first


@pytest.mark.browser
def test_synonyms_find_the_playbooks_word_for_the_agents_word(worker_page):
    synonyms = {"canned responses": ["saved replies"], "boss": ["supervisor", "manager"]}
    [without] = search_in_page(worker_page, ["canned responses"], index())
    [found] = search_in_page(worker_page, ["canned responses"], index(synonyms=synonyms))
    assert "d/#tools-and-systems" not in without
    assert found[0] == "d/#tools-and-systems", found
    # Word forms of the key count too: "canned response" is the same key.
    [singular] = search_in_page(worker_page, ["canned response"], index(synonyms=synonyms))
    assert singular[0] == "d/#tools-and-systems"


@pytest.mark.browser
def test_hours_find_the_same_time_in_days_and_days_in_hours(worker_page):
    docs = {"s/": ("Times", "How long things take."),
            "s/#solution-time": ("Solution time", "A solution is offered within 2 working days."),
            "s/#callback": ("Callback", "Callers hear from us within 48 hours."),
            "s/#other": ("Other", "Notes are kept for 3 years.")}
    [hours, days, odd] = search_in_page(worker_page, ["48 hours", "2 days", "50 hours"], index(docs))
    assert set(sections(hours)[:2]) == {"s/#solution-time", "s/#callback"}, hours
    assert set(sections(days)[:2]) == {"s/#solution-time", "s/#callback"}, days
    assert "s/#solution-time" not in odd  # 50 hours is no whole number of days
    [polish] = search_in_page(worker_page, ["48 godzin"], index({
        "p/": ("Czasy", "Ile trwa."), "p/#rozwiazanie": ("Rozwiązanie", "Rozwiązanie w ciągu 2 dni roboczych.")}, "pl"))
    assert "p/#rozwiazanie" in polish, polish


@pytest.mark.browser
def test_a_page_weighted_down_in_its_front_matter_ranks_below_an_equal_page(worker_page):
    docs = {"rules/": ("Rules", "x"), "rules/#refunds": ("Refunds", "Refunds up to 50 euros."),
            "changelog/": ("Changelog", "x"), "changelog/#latest": ("Refunds", "Refunds up to 50 euros.")}
    entries = [{"location": location, "title": title, "text": text} for location, (title, text) in docs.items()]
    [plain] = search_in_page(worker_page, ["refunds"], json.loads(search.index_json(entries, "en", FIELDS)))
    for entry in entries:
        if entry["location"].startswith("rules/"):
            entry["boost"] = 0.5
    [weighted] = search_in_page(worker_page, ["refunds"], json.loads(search.index_json(entries, "en", FIELDS)))
    assert set(sections(plain)) == set(sections(weighted)) == {"rules/#refunds", "changelog/#latest"}
    assert sections(weighted)[0] == "changelog/#latest", weighted


@pytest.mark.parametrize("value", ["abc", "0.5", -1, 0, 0.01, 11, 1e309, True, [0.5], {"x": 1}])
def test_a_search_boost_that_is_not_a_weight_fails_naming_file_line_and_fix(value):
    text = f"---\nowner: playbook_editor\nsearch:\n  boost: {value!r}\n---\n\n# Page\n"
    with pytest.raises(PlaybookError) as error:
        search.check_boost(value, "docs/en/faq.md", text)
    message = str(error.value)
    assert message.startswith(f"docs/en/faq.md:4: 'search: boost: {value!r}' is not a search weight."), message
    assert "Fix: a number from 0.1 (found last) to 10 (found first); 1 is the default." in message
    assert search.check_boost(0.5, "docs/en/faq.md", text) == 0.5


def test_a_bad_search_boost_fails_the_build_with_file_and_line(tmp_path):
    root = project_sandbox(tmp_path / "project")  # a copy: the page is changed
    config_file = root / "mkdocs.yml"
    page = root / "docs" / "en" / "faq.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    page.write_text("---\nsearch:\n  boost: heavy\n" + text[4:], encoding="utf-8")
    with pytest.raises(BuildFailed) as error:
        build_site(tmp_path / "site", config_file=config_file)
    assert "docs/en/faq.md:3: 'search: boost: 'heavy'' is not a search weight. Fix: a number" in str(error.value)
    assert "Traceback" not in str(error.value)


def test_the_pages_about_the_playbook_weigh_less_in_every_language_and_in_the_pieces(real_site):
    for language in ("en", "it", "sl", "nb", "pt", "pl"):
        prefix = "" if language == "en" else f"{language}/"
        whole = json.loads((real_site / search.index_path(language, "en")).read_text(encoding="utf-8"))
        setup = json.loads((real_site / prefix / "search" / "setup.json").read_text(encoding="utf-8"))
        pages = {location: boost for location, boost in whole["config"]["boosts"].items()}
        assert pages == {f"{prefix}changelog/": 0.5, f"{prefix}editors-guide/": 0.5}, (language, pages)
        numbered = {key: value for key, value in setup["config"]["boosts"].items() if key.isdigit()}
        weighted = [doc["location"] for doc in whole["docs"] if doc["location"].split("#")[0] in pages]
        assert len(numbered) == len(weighted) > 10 and set(numbered.values()) == {0.5}


@pytest.mark.browser
def test_the_best_section_is_shown_first_even_when_its_page_has_other_matches(page, served_site):
    # On the real site, in the dialog: the first link shown is the best match
    # and no section is folded away under "more on this page".
    page.goto(language_home(served_site, "en", "en"))
    [shown] = shown_in_page(page, ["voicemail"])
    assert shown[0] == "channels/#voicemail-handling"
    assert page.locator(".md-search-result__more").count() == 0
    # Enter opens the first result shown.
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url("**/channels/**#voicemail-handling")


@pytest.mark.browser
@pytest.mark.parametrize("language, typed, expect", [
    ("en", "voicemial", "channels/#voicemail-handling"),          # a typo
    ("en", "canned responses", "training/#tools-and-systems"),    # a synonym from search/synonyms/en.yml
    ("pl", "rodo", "training/#data-protection"),
    ("en", "how often is voicemail checked?", "channels/#voicemail-handling"),  # question and stop words
])
def test_typos_synonyms_and_questions_find_the_section_in_the_dialog(page, served_site, language, typed, expect):
    page.goto(language_home(served_site, language, "en"))
    [shown] = shown_in_page(page, [typed])
    assert expect in shown[:3], shown[:5]


# Synonym files --------------------------------------------------------------

LANGUAGES = ["en", "it", "sl", "nb", "pt", "pl"]


def test_a_synonym_file_maps_typed_words_to_the_playbooks_words():
    text = "# comment\nCanned  Responses: saved replies\nboss: [supervisor, Manager]\nagent: [representative, agent]\n"
    assert search.parse_synonyms(text, "search/synonyms/en.yml", "en", LANGUAGES) == {
        "canned responses": ["saved replies"], "boss": ["supervisor", "manager"], "agent": ["representative"]}
    assert search.parse_synonyms("# nothing yet\n", "search/synonyms/en.yml", "en", LANGUAGES) == {}


@pytest.mark.parametrize("name, text, message", [
    ("xx", "agent: representative\n",
     "search/synonyms/xx.yml:1: 'xx' is not a language of the site (en, it, sl, nb, pt, pl); name the file after one"),
    ("nl", "agent: representative\n", "search/synonyms/nl.yml:1: 'nl' is not a language of the site"),
    ("en", "agent: representative\nboss: supervisor\nAgent: employee\n",
     "search/synonyms/en.yml:3: 'agent' is given twice (first on line 1); put all its words in one list"),
    ("en", "agent: representative\nboss:\n", "search/synonyms/en.yml:2: 'boss' has an empty synonym"),
    ("en", "boss: [supervisor, '']\n", "search/synonyms/en.yml:1: 'boss' has an empty synonym"),
    ("en", "boss: []\n", "search/synonyms/en.yml:1: 'boss' has an empty synonym"),
    ("en", "agent: representative\n'': supervisor\n", "search/synonyms/en.yml:2: an entry has no words before the colon"),
    ("en", "- agent\n- representative\n", "search/synonyms/en.yml:1: expected what agents type and the playbook's words"),
    ("en", "agent: [representative\n", "search/synonyms/en.yml: not valid YAML"),
])
def test_a_bad_synonym_file_fails_naming_file_line_and_fix(name, text, message):
    with pytest.raises(PlaybookError) as error:
        search.parse_synonyms(text, f"search/synonyms/{name}.yml", name, LANGUAGES)
    assert str(error.value).startswith(message), str(error.value)


def test_a_bad_synonym_file_fails_the_build_and_writes_nothing(tmp_path):
    config_file = project_copy(tmp_path / "project", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    folder = tmp_path / "project" / "search" / "synonyms"
    folder.mkdir(parents=True)
    (folder / "pl.yml").write_text("szef: przełożony\nrodo: ochrona danych\nszef: kierownik\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as error:
        build_site(tmp_path / "site", config_file=config_file)
    assert "search/synonyms/pl.yml:3: 'szef' is given twice (first on line 1)" in str(error.value)
    assert "Traceback" not in str(error.value)
    assert not (tmp_path / "site" / "pl" / "search" / "search_index.json").exists()


def test_each_language_index_carries_its_synonyms(real_site):
    for language in LANGUAGES:
        path = real_site / search.index_path(language, "en")
        config = json.loads(path.read_text(encoding="utf-8"))["config"]
        expected = search.read_synonyms(str(REPO), LANGUAGES)[language]
        assert expected and config["synonyms"] == expected, language


def test_the_editors_guide_explains_the_synonym_file_in_every_language(real_site):
    for language in LANGUAGES:
        page = real_site / ("" if language == "en" else language) / "editors-guide" / "index.html"
        text = page.read_text(encoding="utf-8")
        assert f"search/synonyms/{language}.yml" in text, language
