"""The rules an agent needs (issue 14, item 3), in every language of the
built site, each under its own id and with the figures of mkdocs.yml."""

from __future__ import annotations

import pytest

from html_pages import LANGUAGES, article, page_file

# page -> the ids of the rules it must carry, in every language.
RULES = {
    "scope": ["definition-opening-hours", "definition-hours", "definition-working-days", "definition-calendar-days"],
    "requests": ["identity-check", "refund-limits"],
    "communication": ["abusive-customers"],
    "escalation": ["duty-supervisor", "data-breach-reporting"],
    "channels": ["social-media-service-level"],
    "complaints": ["poland-statutory-complaints"],
    "index": ["welcome-values", "welcome-mission"],
    "charter": ["charter-service-meaning", "charter-promises", "charter-complaints", "charter-customer-asks", "charter-about"],
}


def text(site, page, language) -> str:
    return " ".join(article(page_file(site, page, language)).get_text(" ").split())


def section_text(site, page, language, section_id) -> str:
    heading = article(page_file(site, page, language)).find(id=section_id)
    assert heading is not None, (language, page, section_id)
    parts = []
    for node in heading.find_next_siblings():
        if node.name and node.name[0] == "h" and node.name <= heading.name:
            break
        parts.append(node.get_text(" "))
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rule_has_its_section_in_every_language(real_site, language):
    for page, ids in RULES.items():
        for section_id in ids:
            assert section_text(real_site, page, language, section_id), (language, page, section_id)


# The values of mkdocs.yml as each language's prose writes them.
OPENING = {"en": "Monday to Friday from 8:00 to 18:00", "it": "dal lunedì al venerdì dalle 8:00 alle 18:00",
           "nb": "mandag til fredag fra 8.00 til 18.00", "pt": "de segunda a sexta, das 8h às 18h",
           "pl": "od poniedziałku do piątku w godz. 8:00–18:00", "sl": "od ponedeljka do petka od 8.00 do 18.00"}
AGENT_LIMIT = {"en": "£50", "it": "60 €", "nb": "600 kr", "pt": "R$ 300", "pl": "250 zł", "sl": "60 €"}
SOCIAL = {"en": "4 hours", "it": "4 ore", "nb": "4 timer", "pt": "4 horas", "pl": "4 godzin", "sl": "4 urah"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_rules_carry_the_company_figures(real_site, language):
    assert OPENING[language] in section_text(real_site, "scope", language, "definition-opening-hours")
    refunds = section_text(real_site, "requests", language, "refund-limits")
    assert AGENT_LIMIT[language] in refunds.replace("\xa0", " ")
    assert "+" in section_text(real_site, "escalation", language, "duty-supervisor")  # the duty line
    assert "privacy@brightwater.example" in section_text(real_site, "escalation", language, "data-breach-reporting")
    social = section_text(real_site, "channels", language, "social-media-service-level")
    assert SOCIAL[language] in social, social
    assert "https://reviews.brightwater.example" in social


def test_the_polish_statutory_complaint_rule_names_reklamacja_and_14_calendar_days(real_site):
    rule = section_text(real_site, "complaints", "pl", "poland-statutory-complaints")
    assert "reklamacj" in rule
    assert "14 dni kalendarzowych" in rule
    # Everywhere else a complaint is a "skarga": reklamacja is only the statutory claim.
    page = article(page_file(real_site, "complaints", "pl"))
    assert "skarg" in page.find("h1").get_text().lower()
    headings = [h.get_text() for h in page.select("h2, h3") if h.get("id") != "poland-statutory-complaints"]
    assert not [h for h in headings if "reklamacj" in h.lower()], headings


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_charter_is_stated_and_marked_as_shareable(real_site, language):
    body = article(page_file(real_site, "charter", language))
    box = body.select_one(".admonition.info")
    assert box is not None and box.select_one(".admonition-title").get_text(strip=True)
    promises = section_text(real_site, "charter", language, "charter-promises")
    for figure in ("3 ", "8 ", "2 "):
        assert figure in promises, (language, figure, promises)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_values_are_named_and_the_mission_says_what_we_sell(real_site, language):
    values = article(page_file(real_site, "index", language)).find(id="welcome-values").find_next("ul")
    assert len(values.select("li strong")) == 4
    product = {"en": "home and garden supplies", "it": "articoli per la casa e il giardino", "nb": "utstyr til hus og hage",
               "pt": "artigos para casa e jardim", "pl": "artykułów dla domu i ogrodu", "sl": "izdelkov za dom in vrt"}
    assert product[language] in section_text(real_site, "index", language, "welcome-mission")


def test_the_rules_are_searchable(real_site):
    for language in LANGUAGES:
        prefix = real_site if language == "en" else real_site / language
        index = (prefix / "search" / "search_index.json").read_text(encoding="utf-8")
        for section_id in ("identity-check", "refund-limits", "abusive-customers", "data-breach-reporting"):
            assert f"#{section_id}" in index, (language, section_id)
