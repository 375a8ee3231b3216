"""Numbers that read right for any value: units with CLDR plural forms and
grammatical cases (hooks/playbook/quantities.py, overrides/units/), the
typed-figure check (hooks/playbook/number_check.py), and British English."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.units import format_unit

from conftest import REPO, BuildFailed, build_site, edit, project_sandbox
from html_pages import LANGUAGES, article, page_file, prose_text
from playbook import number_check, quantities, variables
from playbook.errors import PlaybookError

UNITS_DIR = REPO / "overrides" / "units"


def real_units() -> quantities.Units:
    texts = {language: (UNITS_DIR / f"{language}.yml").read_text(encoding="utf-8") for language in LANGUAGES}
    return quantities.load(texts, {language: f"overrides/units/{language}.yml" for language in LANGUAGES})


# Written from grammar books and the issue, not from the units files: the
# nominative of "hour" for 1, 2, 5 and 22 in every language.
HOURS = {
    "en": ["1 hour", "2 hours", "5 hours", "22 hours"],
    "it": ["1 ora", "2 ore", "5 ore", "22 ore"],
    "nb": ["1 time", "2 timer", "5 timer", "22 timer"],
    "pt": ["1 hora", "2 horas", "5 horas", "22 horas"],
    "pl": ["1 godzina", "2 godziny", "5 godzin", "22 godziny"],
    "sl": ["1 ura", "2 uri", "5 ur", "22 ur"],
}
# Other units and cases where the languages differ most.
FORMS = [
    ("pl", "hours", "genitive", ["1 godziny", "2 godzin", "5 godzin", "22 godzin"]),  # w ciągu …
    ("pl", "hours", "accusative", ["1 godzinę", "2 godziny", "5 godzin", "22 godziny"]),  # co …
    ("pl", "working_days", "genitive", ["1 dnia roboczego", "2 dni roboczych", "5 dni roboczych", "22 dni roboczych"]),
    ("pl", "rings", "locative", ["1 sygnale", "2 sygnałach", "5 sygnałach", "22 sygnałach"]),  # po …
    ("pl", "calendar_days", "nominative", ["1 dzień kalendarzowy", "2 dni kalendarzowe", "5 dni kalendarzowych", "22 dni kalendarzowe"]),
    ("sl", "hours", "locative", ["1 uri", "2 urah", "5 urah", "22 urah"]),  # v …
    ("sl", "minutes", "nominative", ["1 minuta", "2 minuti", "5 minut", "22 minut"]),
    ("sl", "working_days", "locative", ["1 delovnem dnevu", "2 delovnih dneh", "5 delovnih dneh", "22 delovnih dneh"]),
    ("sl", "hours", "accusative", ["1 uro", "2 uri", "5 ur", "22 ur"]),  # na …
    ("sl", "months", "nominative", ["1 mesec", "2 meseca", "5 mesecev", "22 mesecev"]),
    ("it", "rings", "nominative", ["1 squillo", "2 squilli", "5 squilli", "22 squilli"]),
    ("pt", "working_days", "nominative", ["1 dia útil", "2 dias úteis", "5 dias úteis", "22 dias úteis"]),
    ("nb", "working_days", "nominative", ["1 virkedag", "2 virkedager", "5 virkedager", "22 virkedager"]),
    ("en", "working_days", "nominative", ["1 working day", "2 working days", "5 working days", "22 working days"]),
    ("en", "rings", "nominative", ["1 ring", "2 rings", "5 rings", "22 rings"]),
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_hours_take_the_plural_form_of_1_2_5_and_22(language):
    units = real_units()
    assert [quantities.quantity(n, "hours", language, units) for n in (1, 2, 5, 22)] == HOURS[language]


@pytest.mark.parametrize("language,unit,case,expected", FORMS)
def test_units_and_cases_for_1_2_5_and_22(language, unit, case, expected):
    units = real_units()
    assert [quantities.quantity(n, unit, language, units, case) for n in (1, 2, 5, 22)] == expected


@pytest.mark.parametrize("language", ["en", "pl", "sl", "pt"])
@pytest.mark.parametrize("unit,cldr", [("seconds", "duration-second"), ("minutes", "duration-minute"), ("hours", "duration-hour")])
def test_nominative_forms_agree_with_cldr_unit_names(language, unit, cldr):
    # An independent source: CLDR's own long unit names, through Babel.
    units = real_units()
    for number in (1, 2, 3, 5, 11, 22, 101, 105):
        assert quantities.quantity(number, unit, language, units) == format_unit(number, cldr, locale=language).replace("\xa0", " ")


def fill(markdown: str, language: str, company: dict | None = None) -> str:
    company = company or {"sla": {"email_reply_hours": 1, "phone_rings": 22}, "policy": {"note": "x", "effective_date": dt.date(2026, 11, 20)}}
    loaded = variables.load(company, LANGUAGES, "en")
    return variables.fill(markdown, loaded, language, f"docs/{language}/page.md", units=real_units())


def test_a_page_asks_for_a_case_after_the_value():
    assert fill("w ciągu {{ company.sla.email_reply_hours | genitive }}", "pl") == "w ciągu 1 godziny"
    assert fill("v {{company.sla.email_reply_hours|locative}}", "sl") == "v 1 uri"
    assert fill("po {{ company.sla.phone_rings | locative }}", "pl") == "po 22 sygnałach"
    assert fill("within {{ company.sla.email_reply_hours }}", "en") == "within 1 hour"


def test_an_unknown_case_names_the_file_line_and_the_cases_there():
    with pytest.raises(PlaybookError) as error:
        fill("line one\nw ciągu {{ company.sla.email_reply_hours | genitiv }}", "pl")
    message = str(error.value)
    assert message.startswith("docs/pl/page.md:2: 'genitiv' is not a case that overrides/units/pl.yml gives for 'hours'")
    assert "Did you mean 'genitive'?" in message


def test_a_case_on_a_value_without_a_unit_is_refused():
    with pytest.raises(PlaybookError) as error:
        fill("{{ company.policy.note | genitive }}", "pl")
    assert "docs/pl/page.md:1: '{{ company.policy.note | genitive }}' asks for a grammatical case, but " \
        "company.policy.note is not a number counted in a unit" in str(error.value)


def test_english_follows_british_usage_for_dates_and_numbers():
    assert fill("{{ company.policy.effective_date }}", "en") == "20 November 2026"
    assert variables.format_value(12500, "en") == "12,500"


# --- the units files -------------------------------------------------------

def load_one(text: str, language: str = "pl"):
    return quantities.load({language: text}, {language: f"overrides/units/{language}.yml"})


def all_units(extra: str = "", skip: str = "") -> str:
    lines = [f"{unit}:\n  nominative: {{one: a, few: b, many: c, other: d}}" for unit in quantities.UNITS if unit != skip]
    return "\n".join(lines) + "\n" + extra


@pytest.mark.parametrize("text,message", [
    (all_units().replace("few: b, ", "", 1),
     "overrides/units/pl.yml:2: 'calendar_days.nominative' has no word for few. 'pl' has the categories few, many, one, other "
     "(for 1, 2, 5 and 22: one, few, many, few)."),
    (all_units().replace("other: d}", "other: d, two: e}", 1), "has two, which is not a plural category of 'pl'"),
    (all_units("fortnights:\n  nominative: {one: a}\n"), f"overrides/units/pl.yml:{2 * len(quantities.UNITS) + 1}: 'fortnights' is not a unit"),
    (all_units(skip="rings"), "overrides/units/pl.yml: the unit(s) rings have no forms"),
    (all_units().replace("seconds:\n  nominative", "seconds:\n  genitive"), "overrides/units/pl.yml:5: 'seconds' needs its grammatical cases, at least 'nominative:'"),
    (all_units().replace("one: a", "one: <b>a</b>", 1), "overrides/units/pl.yml:2: the word '<b>a</b>' contains an HTML tag"),
    (all_units().replace("one: a", "one: '[a](javascript:x)'", 1), "overrides/units/pl.yml:2: the word"),
    ("a: &x [1]\nb: *x\n", "overrides/units/pl.yml:2: the YAML alias *x repeats another value"),
])
def test_a_bad_units_file_names_the_file_the_line_and_the_fix(text, message):
    with pytest.raises(PlaybookError) as error:
        load_one(text)
    assert message in str(error.value)


def test_a_broken_units_file_fails_the_build_with_its_message(tmp_path):
    root = project_sandbox(tmp_path / "project")
    line = edit(root / "overrides" / "units" / "sl.yml", "  genitive: {one: ure, two: ur, few: ur, other: ur}\n",
                "  genitive: {one: ure, few: ur, other: ur}\n")
    with pytest.raises(BuildFailed) as error:
        build_site(tmp_path / "site", config_file=root / "mkdocs.yml")
    assert f"overrides/units/sl.yml:{line}: 'hours.genitive' has no word for two" in str(error.value)


# --- typed figures ---------------------------------------------------------

# One typed figure per language, as an editor would write it, and the
# variable that the message must name (its value is the same figure).
TYPED = [
    ("en", "We reply within 8 hours.", "8 hours"),
    ("en", "Answer before 3 rings.", "3 rings"),
    ("it", "Rispondiamo entro 8 ore.", "8 ore"),
    ("nb", "Vi svarer innen 8 timer.", "8 timer"),
    ("pt", "Respondemos em até 8 horas.", "8 horas"),
    ("pl", "Odpowiadamy w ciągu 8 godz.", "8 godz"),
    ("pl", "Odbieramy przy 3. sygnale.", "3. sygnale"),
    ("sl", "Odgovorimo v 8 urah.", "8 urah"),
    ("sl", "Odgovorimo v 8 h.", "8 h"),
    ("pl", "We reply within 8 hours.", "8 hours"),  # English left in a translation
]
VALUES = {"company.sla.email_reply_hours": 8, "company.sla.phone_rings": 3, "company.sla.chat_reply_minutes": 2}


@pytest.mark.parametrize("language,text,figure", TYPED)
def test_a_typed_figure_names_the_file_line_and_the_variable(language, text, figure):
    with pytest.raises(PlaybookError) as error:
        number_check.check(f"Intro.\n\n{text}", language, f"docs/{language}/channels.md", VALUES)
    message = str(error.value)
    assert message.startswith(f"docs/{language}/channels.md:3: '{figure}")
    assert "is a typed figure" in message
    variable = "company.sla.phone_rings" if figure.startswith("3") else "company.sla.email_reply_hours"
    assert f"'{{{{ {variable} }}}}'" in message


def test_a_typed_figure_without_a_variable_says_how_to_add_one():
    with pytest.raises(PlaybookError) as error:
        number_check.check("Call back within 45 minutes.", "en", "docs/en/channels.md", VALUES)
    assert "add one under extra.company in mkdocs.yml, its key ending in the unit" in str(error.value)


@pytest.mark.parametrize("language,text", [
    ("en", "within {{ company.sla.email_reply_hours }} hours"),
    ("pl", "w ciągu {{ company.sla.email_reply_hours | genitive }} godzin"),
    ("sl", "najpozneje v {{ company.sla.email_reply_hours }} urah"),
    ("nb", "innen {{ company.sla.phone_rings }} ringesignaler"),
])
def test_a_unit_typed_after_a_variable_that_writes_its_own_is_refused(language, text):
    with pytest.raises(PlaybookError) as error:
        number_check.check(text, language, f"docs/{language}/channels.md", VALUES)
    assert f"docs/{language}/channels.md:1:" in str(error.value)
    assert "types the unit after a variable that writes its own" in str(error.value)


@pytest.mark.parametrize("text", [
    "The 5 As of complaint handling.",
    "Step 2: listen.",
    "Open 24/7 for emergencies.",
    "`within 8 hours` in code is an example",
    "```\nsummary: Email replies are now due within 12 hours (was 24).\n```",
    "ISO 9001 and 2 representatives",
    "Within {{ company.sla.email_reply_hours }}.",
])
def test_numbers_that_are_not_time_limits_pass(text):
    number_check.check(text, "en", "docs/en/page.md", VALUES)


def test_a_typed_figure_fails_the_real_build_in_a_translation(fixture_docs, tmp_path):
    line = edit(fixture_docs / "sl" / "channels.md", "{{ company.sla.email_reply_hours | locative }}.",
                "{{ company.sla.email_reply_hours | locative }}. Običajno že v 8 urah.")
    with pytest.raises(BuildFailed) as error:
        build_site(tmp_path / "site", fixture_docs)
    assert f"docs/sl/channels.md:{line}: '8 urah' is a typed figure" in str(error.value)
    assert "'{{ company.sla.email_reply_hours }}'" in str(error.value)


# --- the real site -----------------------------------------------------------

# What each language's email page says for the real value, 8 hours.
EMAIL_SENTENCES = {
    "en": "We reply to all emails within 8 hours.",
    "it": "Rispondiamo a tutte le e-mail entro 8 ore.",
    "nb": "Vi svarer på alle e-poster innen 8 timer.",
    "pt": "Respondemos todos os e-mails em até 8 horas.",
    "pl": "Na wszystkie e-maile odpowiadamy w ciągu 8 godzin.",
    "sl": "Na vsa e-poštna sporočila odgovorimo najpozneje v 8 urah.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_built_pages_write_the_value_with_its_unit(real_site, language):
    text = " ".join(prose_text(article(page_file(real_site, "channels", language))).split())
    assert EMAIL_SENTENCES[language] in text
    assert not re.search(r"\b(hours?|ore|timer|horas|godzin\w*|godz|ur\w*|minut\w*) \1\b", text), "a unit is repeated"


def test_a_missing_units_file_names_it_and_the_fix(tmp_path):
    root = project_sandbox(tmp_path / "project")
    (root / "overrides" / "units" / "nb.yml").unlink()
    with pytest.raises(BuildFailed) as error:
        build_site(tmp_path / "site", config_file=root / "mkdocs.yml")
    assert "overrides/units/nb.yml is missing: every language of the site needs the words of the units" in str(error.value)
    assert "Copy overrides/units/en.yml and translate it." in str(error.value)


def test_the_units_files_are_not_published(real_site):
    assert not list(real_site.rglob("units/*.yml"))
    assert not list(real_site.rglob("*.yml"))
