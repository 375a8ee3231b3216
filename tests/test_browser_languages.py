"""In a real Chromium: 404 pages per language and the language switcher."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_missing_polish_address_shows_the_polish_404_with_polish_navigation(page, served_site):
    page.goto(f"{served_site}/pl/no-such-page/")
    page.wait_for_function("document.documentElement.lang === 'pl'")
    assert page.locator("article h1").inner_text() == "Nie znaleziono strony"
    assert page.url.endswith("/pl/no-such-page/")  # the address the reader asked for stays
    assert page.locator("nav.md-nav--primary").get_by_text("Poziomy usług w kanałach kontaktu").count() >= 1


def test_a_missing_root_address_shows_the_english_404(page, served_site):
    page.goto(f"{served_site}/no-such-page/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("article h1").inner_text() == "Page not found"


def test_the_language_switcher_leads_to_the_same_page(page, served_site):
    page.goto(f"{served_site}/pl/channels/")
    link = page.locator("a[hreflang='sl']").first
    link.evaluate("a => a.click()")
    page.wait_for_url("**/sl/channels/")
    assert page.locator("html").get_attribute("lang") == "sl"
