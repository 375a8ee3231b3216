"""In a real Chromium, on the published branch: the overdue notice against
the reader's own date, "changed since your last visit" across published
versions, and rich and Markdown links on the clipboard."""

from __future__ import annotations

import contextlib

import pytest

from a11y import assert_no_serious_violations
from conftest import REPO
from test_browser_links import NO_CLIPBOARD_API
from test_browser_versions import choose_version

pytestmark = pytest.mark.browser

# docs/en/faq.md: reviewed 2026-11-20 every 6 months, so due on 2027-05-20.
FAQ_DUE = "2027-05-20"


def page_at(browser, instant: str, timezone: str):
    context = browser.new_context(timezone_id=timezone)
    page = context.new_page()
    page.clock.set_fixed_time(instant)
    return context, page


@pytest.mark.parametrize("instant, timezone, overdue", [
    ("2027-05-20T23:30:00Z", "UTC", False),               # the due day itself
    ("2027-05-20T23:30:00Z", "Pacific/Auckland", True),   # the same instant is already the 21st there
    ("2027-05-21T00:30:00Z", "UTC", True),
    ("2027-05-21T00:30:00Z", "America/Los_Angeles", False),  # still the 20th there
    ("2031-01-01T12:00:00Z", "UTC", True),
    ("2026-12-01T12:00:00Z", "UTC", False),
])
def test_the_overdue_notice_compares_the_due_date_with_the_readers_date(browser, served_branch, instant, timezone, overdue):
    context, page = page_at(browser, instant, timezone)
    try:
        page.goto(f"{served_branch}/latest/pl/faq/")
        page.locator("[data-playbook-versions]").wait_for(state="visible")  # versions.json has been read
        notice = page.locator("[data-playbook-overdue]")
        assert notice.get_attribute("data-due") == FAQ_DUE
        assert notice.is_visible() == overdue
        if overdue:
            assert "Przegląd tej strony jest zaległy" in notice.inner_text()
            assert page.locator("[data-playbook-version-banner]").is_hidden()
    finally:
        context.close()


def test_an_old_version_shows_its_banner_and_no_overdue_notice(browser, served_branch):
    context, page = page_at(browser, "2031-01-01T12:00:00Z", "UTC")
    try:
        page.goto(f"{served_branch}/1.0/it/faq/")
        page.locator("[data-playbook-version-banner]").wait_for(state="visible")
        page.wait_for_load_state("networkidle")
        assert page.locator("[data-playbook-overdue]").is_hidden()
        # Every other page of latest is overdue by then too, in the reader's language.
        page.goto(f"{served_branch}/latest/it/channels/")
        page.locator("[data-playbook-overdue]").wait_for(state="visible")
        assert "Il riesame di questa pagina è scaduto" in page.locator("[data-playbook-overdue]").inner_text()
    finally:
        context.close()


# "Changed since your last visit": 1.0, then 2.0, which changes #complaint-channels
# (tests/conftest.py: CHANNELS_CHANGE), then 3.0, which changes nothing on the page.

def remembered(page, language):
    return page.evaluate(f"JSON.parse(localStorage.getItem('playbook-visits-{language}'))")


def settled(page):
    page.locator("[data-playbook-versions]").wait_for(state="visible")
    page.wait_for_load_state("networkidle")


def first_visit(page, address: str, language: str) -> None:
    """Open ``address`` and wait until the page has remembered the visit."""
    page.goto(address)
    page.wait_for_function(f"localStorage.getItem('playbook-visits-{language}') !== null")
    settled(page)


def test_changed_since_the_last_visit_across_published_versions(browser, served_branch):
    context = browser.new_context()
    page = context.new_page()
    notice = page.locator("[data-playbook-visit-changes]")
    try:
        # The first visit shows nothing, and remembers what the reader saw.
        first_visit(page, f"{served_branch}/1.0/pl/complaints/", "pl")
        assert notice.is_hidden()
        assert remembered(page, "pl")["complaints/"]["release"] == "1.0"

        # A later release changes one section: listed with its summary and link, and marked.
        choose_version(page, "2.0")
        page.wait_for_url(f"{served_branch}/2.0/pl/complaints/")
        notice.wait_for(state="visible")
        assert "Zmieniono od Twojej ostatniej wizyty" in notice.inner_text()
        title = page.locator("#complaint-channels").evaluate("h => h.firstChild.textContent.trim()")
        assert notice.locator("li").all_inner_texts() == [
            f"{title}: Reklamacje można teraz składać także na czacie. (2026-11-21, 2.0)"]
        assert notice.locator("li a").get_attribute("href") == "#complaint-channels"
        # Only the section that an entry names is marked.
        marked = page.locator(".playbook-visit-changed").evaluate_all("hs => hs.map(h => h.id)")
        assert marked == ["complaint-channels"]
        assert page.locator("#complaint-channels .playbook-visit-mark").inner_text() == "Zmieniono od Twojej ostatniej wizyty"
        assert_no_serious_violations(page)

        # Mark as read, from the keyboard.
        page.locator("[data-playbook-mark-read]").focus()
        page.keyboard.press("Enter")
        assert notice.is_hidden()
        assert page.locator(".playbook-visit-changed, .playbook-visit-mark").count() == 0
        assert page.evaluate("document.activeElement.tagName") == "H1"
        page.reload()
        settled(page)
        assert notice.is_hidden()

        # A release that changes nothing the reader saw says nothing.
        page.goto(f"{served_branch}/latest/pl/complaints/")
        settled(page)
        assert notice.is_hidden()
        assert page.locator(".playbook-visit-changed").count() == 0

        # Going back to an old version forgets nothing, and each language has its own memory.
        page.goto(f"{served_branch}/1.0/pl/complaints/")
        settled(page)
        page.goto(f"{served_branch}/2.0/pl/complaints/")
        settled(page)
        assert notice.is_hidden()
        page.goto(f"{served_branch}/2.0/sl/complaints/")
        settled(page)
        assert notice.is_hidden()  # the first visit in Slovenian
        assert remembered(page, "sl")["complaints/"]["release"] == "2.0"
    finally:
        context.close()


@pytest.mark.parametrize("arrival", ["address", "selector"])
def test_a_reader_of_1_0_who_comes_to_latest_is_told_what_changed_since(browser, served_branch, arrival):
    """latest (3.0) carries 2.0's change of #complaint-channels, which a 1.0 reader has not seen."""
    context = browser.new_context()
    page = context.new_page()
    notice = page.locator("[data-playbook-visit-changes]")
    try:
        first_visit(page, f"{served_branch}/1.0/pl/complaints/", "pl")
        if arrival == "address":
            page.goto(f"{served_branch}/latest/pl/complaints/")
        else:
            choose_version(page, "3.0")
            page.wait_for_url(f"{served_branch}/3.0/pl/complaints/")
        notice.wait_for(state="visible")
        title = page.locator("#complaint-channels").evaluate("h => h.firstChild.textContent.trim()")
        assert notice.locator("li").all_inner_texts() == [
            f"{title}: Reklamacje można teraz składać także na czacie. (2026-11-21, 2.0)"]
        marked = page.locator(".playbook-visit-changed").evaluate_all("hs => hs.map(h => h.id)")
        assert marked == ["complaint-channels"]
        assert remembered(page, "pl")["complaints/"]["release"] == "1.0"  # until it is marked as read
        page.locator("[data-playbook-mark-read]").click()
        assert remembered(page, "pl")["complaints/"]["release"] == "3.0"
        page.reload()
        settled(page)
        assert notice.is_hidden()
    finally:
        context.close()


def test_a_damaged_memory_is_a_first_visit_not_an_error(browser, served_branch):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{served_branch}/2.0/pl/complaints/")
        for damaged in ("{not json", "[1, 2]", '{"complaints/": {"seen": "all"}}', "null"):
            page.evaluate(f"localStorage.setItem('playbook-visits-pl', {damaged!r})")
            page.reload()
            settled(page)
            assert page.locator("[data-playbook-visit-changes]").is_hidden(), damaged
        assert errors == []
    finally:
        context.close()


# Links that paste well.

@pytest.fixture
def clipboard_page(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


READ_CLIPBOARD = """async () => {
  const items = await navigator.clipboard.read();
  const out = {};
  for (const type of items[0].types) out[type] = await (await items[0].getType(type)).text();
  return out;
}"""


def expected_label(page, version="3.0"):
    h1 = page.locator("article h1").evaluate("h => h.firstChild.textContent.trim()")
    section = page.locator("#complaint-channels").evaluate("h => h.firstChild.textContent.trim()")
    return f"{h1} \u203a {section} ({version})"


def test_a_rich_link_puts_html_and_plain_text_on_the_clipboard(clipboard_page, served_branch):
    page = clipboard_page
    page.goto(f"{served_branch}/latest/pl/complaints/")
    page.locator("#complaint-channels .playbook-copy-link--latest").wait_for()
    # The plain link stays the first, default button.
    assert "playbook-copy-link--version" in page.locator("#complaint-channels button").first.get_attribute("class")
    toggle = page.locator("#complaint-channels .playbook-copy-link--more")
    assert toggle.get_attribute("aria-label").startswith("Więcej sposobów kopiowania linku do tej sekcji: ")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    rich = page.locator("#complaint-channels .playbook-copy-link--rich")
    assert rich.inner_text() == "Kopiuj jako link z tytułem, do edytorów zgłoszeń"
    rich.click()
    page.locator(".playbook-copy-status--shown").wait_for()
    assert page.locator(".playbook-copy-status").inner_text() == "Link skopiowany"
    copied = page.evaluate(READ_CLIPBOARD)
    link, label = f"{served_branch}/3.0/pl/complaints/#complaint-channels", expected_label(page)
    assert f'<a href="{link}">{label}</a>' in copied["text/html"]
    assert copied["text/plain"] == f"{label}: {link}"
    assert toggle.get_attribute("aria-expanded") == "false"  # closed again after copying


def test_a_markdown_link_from_the_keyboard(clipboard_page, served_branch):
    page = clipboard_page
    page.goto(f"{served_branch}/1.0/nb/complaints/")
    page.locator("#complaint-channels .playbook-copy-link--latest").wait_for()
    toggle = page.locator("#complaint-channels .playbook-copy-link--more")
    toggle.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")  # closes, back on the toggle
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('playbook-copy-link--more')")
    page.keyboard.press("Enter")
    markdown = page.locator("#complaint-channels .playbook-copy-link--markdown")
    assert markdown.inner_text() == "Kopier som Markdown-lenke"
    markdown.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('['))")
    link = f"{served_branch}/1.0/nb/complaints/#complaint-channels"
    assert page.evaluate("navigator.clipboard.readText()") == f"[{expected_label(page, '1.0')}]({link})"
    toggle.click()
    assert_no_serious_violations(page, include=["#complaint-channels"])


# setData is where the fallback's types can be read back.
RECORD_TYPES = """
window.playbookTypes = {};
const setData = DataTransfer.prototype.setData;
DataTransfer.prototype.setData = function (type, value) { window.playbookTypes[type] = value; return setData.call(this, type, value); };
"""


@contextlib.contextmanager
def copied_without_the_clipboard_api(browser, address: str, kind: str, status: str):
    """Copy #complaint-channels's ``kind`` link on a page without the
    Clipboard API (a plain-http intranet host); yields the page."""
    context = browser.new_context()
    context.add_init_script(NO_CLIPBOARD_API + RECORD_TYPES)
    page = context.new_page()
    try:
        page.goto(address)
        assert page.evaluate("navigator.clipboard") is None
        page.locator("#complaint-channels .playbook-copy-link--latest").wait_for()
        page.locator("#complaint-channels .playbook-copy-link--more").click()
        page.locator(f"#complaint-channels .playbook-copy-link--{kind}").click()
        page.locator(".playbook-copy-status--shown").wait_for()
        assert page.locator(".playbook-copy-status").inner_text() == status
        yield page
        assert page.locator(".playbook-copy-scratch").count() == 0
    finally:
        context.close()


def test_without_the_clipboard_api_a_rich_link_still_copies_both_types(browser, served_branch):
    address = f"{served_branch}/latest/pt/complaints/"
    with copied_without_the_clipboard_api(browser, address, "rich", "Link copiado") as page:
        link, label = f"{served_branch}/3.0/pt/complaints/#complaint-channels", expected_label(page)
        assert page.evaluate("window.playbookTypes") == {"text/html": f'<a href="{link}">{label}</a>',
                                                         "text/plain": f"{label}: {link}"}


# The README's ticket macro, run as written against the published catalogue,
# whose section title an editor made hostile: the ticket gets it as text.
HOSTILE_TITLE = '<img src=x onerror=alert(1)> "Kanały" & </a><b>'


def readme_macro() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("```js", readme.index("A ticket macro finds a section")) + len("```js")
    return readme[start: readme.index("```", start)]


def test_the_readmes_ticket_macro_inserts_titles_as_text(page, served_branch):
    def hostile_catalogue(route):
        catalogue = route.fetch().json()
        for section in catalogue["sections"]:
            if section["id"] == "complaint-channels":
                section["title"] = HOSTILE_TITLE + " " + section["title"]
        route.fulfill(json=catalogue)

    page.route("**/latest/pl/sections.json", hostile_catalogue)
    page.goto(f"{served_branch}/latest/pl/")
    macro = readme_macro().replace("https://playbook.brightwater.example/", served_branch + "/")
    inserted = page.evaluate("async () => { let inserted; const insertIntoTicket = (html) => { inserted = html; };\n"
                             + macro + "\nreturn inserted; }")
    ticket = page.evaluate("""html => {
        const body = new DOMParser().parseFromString(html, "text/html").body;
        const link = body.querySelector("a");
        return {elements: body.querySelectorAll("*").length, text: link.textContent, href: link.href};
    }""", inserted)
    assert ticket["elements"] == 1, inserted  # the link alone: no <img>, no <b>
    assert HOSTILE_TITLE in ticket["text"]
    assert ticket["href"] == "https://playbook.brightwater.example/3.0/pl/complaints/#complaint-channels"
