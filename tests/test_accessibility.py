"""Accessibility in a real Chromium: axe-core finds no serious or critical
violation, and the header's switchers work from the keyboard."""

from __future__ import annotations

import pytest

from a11y import assert_no_serious_violations, axe_version, serious_violations, tab_until

pytestmark = pytest.mark.browser

# One page per language, a different one each, so that more of the playbook's
# markup (tables, admonitions, code, lists) is checked.
PAGE_PER_LANGUAGE = {
    "en": "", "it": "it/channels/", "sl": "sl/complaints/", "nb": "nb/editors-guide/",
    "pt": "pt/faq/", "pl": "pl/escalation/",
}


def test_axe_core_comes_from_the_pinned_package(page, served_site):
    page.goto(f"{served_site}/")
    # requirements-test.txt pins axe-playwright-python, which ships this axe-core.
    assert axe_version(page) == "4.12.1"


@pytest.mark.parametrize("language", list(PAGE_PER_LANGUAGE))
def test_a_page_in_each_language_has_no_serious_violation(page, served_site, language):
    page.goto(f"{served_site}/{PAGE_PER_LANGUAGE[language]}")
    assert page.locator("html").get_attribute("lang") == language
    assert_no_serious_violations(page)


def test_the_changelog_page_has_no_serious_violation(page, served_site):
    page.goto(f"{served_site}/changelog/")
    assert page.locator(".playbook-feed-link").count() == 1
    assert_no_serious_violations(page)


def test_the_print_page_has_no_serious_violation(page, served_site):
    page.goto(f"{served_site}/print/")
    assert page.locator("section.playbook-print-section").count() > 10
    assert_no_serious_violations(page)


def test_the_open_search_dialog_with_results_has_no_serious_violation(page, served_site):
    page.goto(f"{served_site}/pl/channels/")
    page.locator(".md-search__input").click()
    page.keyboard.type("reklamacja")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    assert page.locator(".md-search").is_visible()
    assert_no_serious_violations(page)


def test_the_dark_scheme_has_no_serious_violation(browser, served_site):
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(f"{served_site}/channels/")
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        assert_no_serious_violations(page)
    finally:
        context.close()


def test_the_checker_does_report_a_serious_violation(page, served_site):
    # The same check on a page with a known fault: an image without text alternative.
    page.goto(f"{served_site}/channels/")
    page.evaluate("document.querySelector('article h1').insertAdjacentHTML('afterend', '<p><img src=\"x.png\"></p>')")
    assert [v["id"] for v in serious_violations(page, include=["article"])] == ["image-alt"]


def test_the_language_switcher_works_from_the_keyboard(page, served_site):
    page.goto(f"{served_site}/pl/channels/")
    switcher = page.locator(".md-select:has(a[hreflang]) .md-select__inner").first
    assert not switcher.is_visible()
    tab_until(page, ".md-select:has(a[hreflang]) > button")
    assert switcher.is_visible()  # opens when the button has the focus
    tab_until(page, ".md-select a[hreflang='sl']", limit=6)
    page.keyboard.press("Enter")
    page.wait_for_url("**/sl/channels/")
    assert page.locator("html").get_attribute("lang") == "sl"
