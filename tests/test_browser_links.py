"""In a real Chromium, on the published branch: copy-link buttons, short
links, renamed ids and moved pages, and what changed since an old version."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def clipboard_page(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def clipboard(page):
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_link_puts_the_permanent_link_to_the_section_on_the_clipboard(clipboard_page, served_branch):
    page = clipboard_page
    page.goto(f"{served_branch}/latest/pl/complaints/")
    button = page.locator("#complaint-channels .playbook-copy-link--version")
    assert button.get_attribute("aria-label") == "Kopiuj link do tej sekcji: " + \
        page.locator("#complaint-channels").evaluate("h => h.firstChild.textContent.trim()")
    button.click()
    # Read on latest, the permanent link names the version itself.
    assert clipboard(page) == f"{served_branch}/3.0/pl/complaints/#complaint-channels"
    status = page.locator(".playbook-copy-status[role=status]")
    assert status.inner_text() == "Link skopiowany"


def test_the_second_choice_copies_the_link_in_latest_from_the_keyboard(clipboard_page, served_branch):
    page = clipboard_page
    page.goto(f"{served_branch}/1.0/it/complaints/")
    latest = page.locator("#complaint-channels .playbook-copy-link--latest")
    latest.wait_for()
    latest.focus()
    page.keyboard.press("Enter")
    page.locator(".playbook-copy-status--shown").wait_for()
    assert clipboard(page) == f"{served_branch}/latest/it/complaints/#complaint-channels"
    page.locator("#complaint-channels .playbook-copy-link--version").focus()
    page.keyboard.press("Space")
    page.wait_for_function("navigator.clipboard.readText().then(t => t.includes('/1.0/'))")
    assert clipboard(page) == f"{served_branch}/1.0/it/complaints/#complaint-channels"


# What a plain-http intranet host gives a page: no Clipboard API. The copy
# event is where the fallback's text can be read back.
NO_CLIPBOARD_API = """
Object.defineProperty(Navigator.prototype, "clipboard", {get: () => undefined});
document.addEventListener("copy", () => { window.playbookCopied = document.getSelection().toString(); });
"""


@pytest.fixture
def page_without_clipboard_api(browser):
    context = browser.new_context()
    context.add_init_script(NO_CLIPBOARD_API)
    yield context.new_page()
    context.close()


def test_without_the_clipboard_api_copy_link_still_copies(page_without_clipboard_api, served_branch):
    page = page_without_clipboard_api
    page.goto(f"{served_branch}/latest/pl/complaints/")
    assert page.evaluate("navigator.clipboard") is None
    page.locator("#complaint-channels .playbook-copy-link--version").click()
    page.locator(".playbook-copy-status--shown").wait_for()
    assert page.evaluate("window.playbookCopied") == f"{served_branch}/3.0/pl/complaints/#complaint-channels"
    assert page.locator(".playbook-copy-status").inner_text() == "Link skopiowany"
    assert page.locator(".playbook-copy-scratch").count() == 0  # the scratch text area is gone again


def test_when_copying_is_refused_the_link_is_shown_to_copy_by_hand(page_without_clipboard_api, served_branch):
    page = page_without_clipboard_api
    page.add_init_script("document.execCommand = () => false;")
    page.goto(f"{served_branch}/1.0/it/complaints/")
    page.locator("#complaint-channels .playbook-copy-link--latest").click()
    status = page.locator(".playbook-copy-status--shown")
    status.wait_for()
    assert status.locator("code").inner_text() == f"{served_branch}/latest/it/complaints/#complaint-channels"
    assert status.get_attribute("role") == "status"
    assert page.evaluate("window.playbookCopied") is None


@pytest.mark.parametrize("address, expected", [
    ("/go/complaint-channels/", "/latest/complaints/#complaint-channels"),
    ("/pl/go/complaint-channels/", "/latest/pl/complaints/#complaint-channels"),
    ("/pl/go/complaints/", "/latest/pl/complaints/"),
    ("/1.0/sl/go/complaint-logging/", "/1.0/sl/complaints/#complaint-logging"),
])
def test_short_links_land_on_the_section(page, served_branch, address, expected):
    page.goto(served_branch + address)
    page.wait_for_url(served_branch + expected)
    section = expected.partition("#")[2]
    if section:
        assert page.locator(f"[id='{section}']").count() == 1


def test_an_unknown_short_link_suggests_the_closest_ids(page, served_branch):
    page.goto(f"{served_branch}/pl/go/complaint-chanels/")
    suggestions = page.locator("[data-playbook-short-link-suggestions]")
    suggestions.wait_for(state="visible")
    assert page.locator("html").get_attribute("lang") == "pl"
    first = suggestions.locator("a").first
    assert first.inner_text() == "complaint-channels"
    first.click()
    page.wait_for_url(f"{served_branch}/latest/pl/complaints/#complaint-channels")


def test_an_old_id_lands_on_the_renamed_section(page, served_branch):
    page.goto(f"{served_branch}/latest/pl/complaints/#complaint-logging")
    page.wait_for_url(f"{served_branch}/latest/pl/complaints/#complaint-registration")
    assert page.evaluate("document.getElementById('complaint-registration').getBoundingClientRect().top") < 200


def test_an_old_page_address_forwards_and_keeps_the_section(page, served_branch):
    page.goto(f"{served_branch}/latest/nb/questions/#faq-who-applies")
    page.wait_for_url(f"{served_branch}/latest/nb/faq/#faq-who-applies")
    assert page.locator("html").get_attribute("lang") == "nb"


def test_an_old_version_lists_what_changed_in_the_linked_section_since(page, served_branch):
    page.goto(f"{served_branch}/1.0/pl/complaints/#complaint-channels")
    changed = page.locator("[data-playbook-changed-since]")
    changed.wait_for(state="visible")
    assert "Ta sekcja zmieniła się od tej wersji:" in changed.inner_text()
    assert changed.locator("li").all_inner_texts() == ["2026-11-21 (2.0): Reklamacje można teraz składać także na czacie."]


def test_an_old_version_lists_nothing_for_a_section_that_did_not_change(page, served_branch):
    page.goto(f"{served_branch}/1.0/pl/complaints/#complaint-acknowledgement")
    page.locator("[data-playbook-version-banner]").wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-playbook-changed-since]").is_hidden()


def test_copy_link_is_reached_with_tab_and_has_no_serious_violation(clipboard_page, served_branch):
    from a11y import assert_no_serious_violations
    from a11y import tab_until

    page = clipboard_page
    page.goto(f"{served_branch}/latest/sl/complaints/")
    page.locator(".playbook-copy-link--latest").first.wait_for()
    tab_until(page, "#complaint-channels .playbook-copy-link--version", limit=200)
    page.keyboard.press("Enter")
    page.locator(".playbook-copy-status--shown").wait_for()
    assert clipboard(page) == f"{served_branch}/3.0/sl/complaints/#complaint-channels"
    assert_no_serious_violations(page)
