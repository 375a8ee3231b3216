"""Unit tests of the company variables (hooks/playbook/variables.py)."""

import datetime as dt
import html

import pytest

from playbook import variables
from playbook.errors import PlaybookError

LANGUAGES = ["en", "it", "sl", "nb", "pt", "pl"]

COMPANY = {
    "name": "Brightwater Supplies",
    "contacts": {"support_email": "support@brightwater.example", "phone": {"en": "+44 20 1", "pl": "+48 22 1"}},
    "sla": {"email_reply_hours": 24, "big": 12500, "ratio": 1.5, "cadence": {"en": "weekly", "it": "settimanale"}},
    "policy": {"effective_date": dt.date(2026, 11, 20)},
}


def fill(markdown, language="en", company=COMPANY, first_line=1):
    loaded = variables.load(company, LANGUAGES, "en")
    return variables.fill(markdown, loaded, language, "docs/en/page.md", first_line=first_line)


def test_nested_keys_are_filled():
    assert fill("Mail {{ company.contacts.support_email }} within {{company.sla.email_reply_hours}} h") == \
        "Mail support@brightwater.example within 24 h"


def test_per_language_value_and_fallback_to_default():
    assert fill("{{ company.sla.cadence }}", "it") == "settimanale"
    assert fill("{{ company.sla.cadence }}", "sl") == "weekly"
    assert fill("{{ company.contacts.phone }}", "pl") == "&#43;48 22 1"


def test_numbers_and_dates_follow_the_language():
    assert fill("{{ company.sla.big }}", "en") == "12,500"
    assert fill("{{ company.sla.big }}", "pl") == "12\xa0500"
    assert fill("{{ company.sla.ratio }}", "it") == "1,5"
    assert fill("{{ company.policy.effective_date }}", "en") == "20 November 2026"
    # "20." would start a numbered list at the start of a line, so its first digit is a reference.
    assert html.unescape(fill("{{ company.policy.effective_date }}", "sl")) == "20. november 2026"
    assert fill("{{ company.policy.effective_date }}", "pl") == "20 listopada 2026"


def test_values_are_text_not_html_or_markdown():
    company = {"name": "<script>alert(1)</script> **bold** [x](y)"}
    filled = fill("{{ company.name }}", company=company)
    assert "<" not in filled and "*" not in filled and "[" not in filled
    # The numeric references render back to exactly the value's characters.
    import html
    assert html.unescape(filled) == company["name"]


def test_code_is_left_untouched():
    markdown = "\n".join([
        "Inline `{{ company.name }}` and {{ company.name }}.",
        "```yaml",
        "name: {{ company.unknown }}",
        "```",
        "    ~~~",
    ])
    filled = fill(markdown)
    assert "`{{ company.name }}`" in filled
    assert "and Brightwater Supplies." in filled
    assert "name: {{ company.unknown }}" in filled


def test_unknown_variable_names_file_line_and_nearest_name():
    with pytest.raises(PlaybookError) as error:
        fill("one\ntwo {{ company.sla.email_reply_hour }}", first_line=4)
    message = str(error.value)
    assert message.startswith("docs/en/page.md:5: unknown variable 'company.sla.email_reply_hour'.")
    assert "Did you mean 'company.sla.email_reply_hours'?" in message


def test_unknown_variable_without_a_near_name_says_where_to_add_it():
    with pytest.raises(PlaybookError, match=r"page.md:1: unknown variable 'company.zzz_qqq'\. Add it under extra.company in mkdocs.yml"):
        fill("{{ company.zzz_qqq }}")


def test_malformed_placeholder_is_reported():
    with pytest.raises(PlaybookError, match=r"page.md:1: '\{\{ company name \}\}' is not a company variable"):
        fill("{{ company name }}")


@pytest.mark.parametrize("company, message", [
    (["a", "b"], "extra.company must be a mapping of names to values, got a list"),
    (None, "extra.company must be a mapping of names to values, got nothing"),
    ({"Bad-Key": 1}, "extra.company has the key 'Bad-Key'; keys are lowercase"),
    ({"sla": {"hours": [1, 2]}}, "extra.company.sla.hours must be text, a number or a date, got a list"),
    ({"sla": {"hours": None}}, "extra.company.sla.hours must be text, a number or a date, got nothing"),
    ({"sla": {}}, "extra.company.sla is an empty mapping"),
    ({"cadence": {"it": "settimanale"}}, "extra.company.cadence is given per language (it) but has no 'en' value"),
    ({"cadence": {"en": "weekly", "it": ["x"]}}, "extra.company.cadence.it must be text"),
])
def test_malformed_company_names_the_key(company, message):
    with pytest.raises(PlaybookError) as error:
        variables.load(company, LANGUAGES, "en", source="mkdocs.yml")
    assert str(error.value).startswith("mkdocs.yml: ")
    assert message in str(error.value)
