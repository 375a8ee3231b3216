"""In a real Chromium, on the published branch served like a static host:
a malformed address leaves every script of the page working, and reading
pages asks the server for nothing that is not there, nor anything of another host."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

# Percent-escapes that decodeURIComponent refuses (URIError: URI malformed).
MALFORMED = ["100%", "%E0%A4%A", "%"]
PAGE = "pl/complaints/"
SECTION = "complaint-channels"


@pytest.fixture
def watched_page(browser):
    """A page that may use the clipboard, and the script errors it raised."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def choose_version(page, version):
    page.locator("[data-playbook-versions] button").hover()
    page.locator(f"a[data-playbook-version='{version}']").click()


@pytest.mark.parametrize("version, permanent", [("latest", "3.0"), ("1.0", "1.0")])
@pytest.mark.parametrize("fragment", MALFORMED)
def test_a_malformed_hash_leaves_copy_links_selector_and_banner_working(watched_page, served_branch, fragment,
                                                                         version, permanent):
    page = watched_page
    page.goto(f"{served_branch}/{version}/{PAGE}#{fragment}")
    page.locator("[data-playbook-versions]").wait_for(state="visible")
    headings = page.locator("article h2[id], article h3[id]").count()
    assert headings > 1
    page.locator(".playbook-copy-link--latest").first.wait_for()
    assert page.locator(".playbook-copy-link--version").count() == headings
    assert page.locator(".playbook-copy-link--latest").count() == headings

    page.locator(f"#{SECTION} .playbook-copy-link--version").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{served_branch}/{permanent}/{PAGE}#{SECTION}"

    banner = page.locator("[data-playbook-version-banner]")
    if version == "latest":
        assert banner.is_hidden()
    else:
        banner.wait_for(state="visible")
        hash_as_read = page.evaluate("location.hash")
        assert banner.locator("a[data-playbook-latest-link]").get_attribute("href") == \
            f"{served_branch}/latest/{PAGE}{hash_as_read}"

    choose_version(page, "2.0")
    page.wait_for_url(lambda url: url.startswith(f"{served_branch}/2.0/{PAGE}#"))
    page.locator("[data-playbook-version-banner]").wait_for(state="visible")  # the script ran there too
    assert page.errors == []


@pytest.mark.parametrize("address", ["/latest/go/%E0%A4%A/", "/go/%E0%A4%A/", "/1.0/pl/go/%E0%A4%A/",
                                     "/latest/go/complaint-chanels%/"])
def test_a_malformed_short_link_still_gets_suggestions(watched_page, served_branch, address):
    page = watched_page
    page.goto(served_branch + address)
    suggestions = page.locator("[data-playbook-short-link-suggestions]")
    suggestions.wait_for(state="visible")
    assert suggestions.locator("a").count() == 5
    page.locator("[data-playbook-versions]").wait_for(state="visible")
    if "chanels" in address:
        assert suggestions.locator("a").first.inner_text() == "complaint-channels"
    assert page.errors == []


# What a reader's browser asks for while reading, in every language, on
# latest, on older versions, on a 404 page and through the language switcher.
READING = [
    "/latest/",
    "/latest/channels/",
    f"/latest/{PAGE}#{SECTION}",
    "/latest/it/channels/",
    "/3.0/sl/escalation/",
    "/2.0/nb/faq/",
    "/1.0/pt/complaints/",
    "/latest/pl/no-such-page/",
    "/latest/pl/changelog/",  # last: the switcher is tried from here
]


def test_reading_pages_asks_for_nothing_missing_and_nothing_elsewhere(page, served_branch):
    site = urlsplit(served_branch).netloc
    answers, elsewhere = [], []

    def only_this_site(route):
        if urlsplit(route.request.url).netloc == site:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_site)
    page.on("response", lambda response: answers.append(response))
    for address in READING:
        page.goto(served_branch + address, wait_until="networkidle")
        page.locator("[data-playbook-versions]").wait_for(state="visible")
    page.locator(".playbook-languages button").hover()
    page.locator("a[data-playbook-language='sl']").click()
    page.wait_for_url(f"{served_branch}/latest/sl/changelog/")
    page.wait_for_load_state("networkidle")

    # Feed readers still find the language's feed.
    assert page.locator("link[rel~=alternate][type='application/atom+xml']").get_attribute("href") == "../feed.xml"
    asked = {urlsplit(answer.url).path for answer in answers}
    assert "/versions.json" in asked and "/1.0/changelog.json" in asked  # the scripts did their work
    # The host answers an unknown address with 404 by design; nothing else may get one.
    missing = [answer.url for answer in answers
               if answer.status == 404 and not (answer.request.is_navigation_request()
                                                and urlsplit(answer.url).path == "/latest/pl/no-such-page/")]
    assert missing == []
    assert elsewhere == []
