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


# The security review's hostile addresses ("What held"), on the published
# branch: 1.0, 2.0, 3.0 as latest, with questions/ moved to faq/ in 3.0.
# Each: where the reader must end up (a path on this host).
HOSTILE_ADDRESSES = {
    # Unknown short links: to latest (or their own version), suggestions as text.
    "/go/<img src=x onerror=alert(1)>/": "/latest/",
    "/go/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/": "/latest/",
    "/latest/go/%3Cscript%3Ealert(1)%3C%2Fscript%3E/": "/latest/",
    "/1.0/pl/go/%3Csvg%20onload%3Dalert(1)%3E/": "/1.0/",
    "/go/javascript:alert(1)/": "/latest/",
    "/go/%2F%2Fevil.example/": "/latest/",
    # The root 404 page: every one ends on latest, on this host.
    "/%3Cscript%3Ealert(1)%3C/script%3E": "/latest/",
    "/%3Cimg%20src=x%20onerror=alert(1)%3E/?q=%3Cscript%3Ealert(1)%3C/script%3E#%3Cimg%20src=x%20onerror=alert(1)%3E":
        "/latest/",
    "//evil.example/": "/latest/",
    "/\\evil.example": "/latest/",
    "/\\\\evil.example/x": "/latest/",
    "/%2F%2Fevil.example": "/latest/",
    "/%5Cevil.example": "/latest/",
    "/latest//evil.example/": "/latest/",
    "/go/nope/?next=javascript:alert(1)#javascript:alert(1)": "/latest/",
    # A language's or a version's 404 page.
    "/latest/pl/%3Cimg%20src=x%20onerror=alert(1)%3E/": "/latest/",
    "/2.0/xx%3Cscript%3Ealert(1)%3C/script%3E/": "/2.0/",
    # Hashes on pages, on latest and on an old version with its banner.
    '/latest/channels/#"><img src=x onerror=alert(1)>': "/latest/channels/",
    "/latest/channels/#javascript:alert(1)": "/latest/channels/",
    "/1.0/channels/#javascript:alert(1)": "/1.0/channels/",
    '/latest/channels/#x"onmouseover="alert(1)': "/latest/channels/",
    "/latest/channels/#__proto__": "/latest/channels/",
    "/1.0/pl/channels/#constructor": "/1.0/pl/channels/",
    # A moved page forwards the fragment as a fragment only; a short link drops it.
    "/latest/questions/#javascript:alert(1)": "/latest/faq/#javascript:alert(1)",
    "/latest/questions/#//evil.example/": "/latest/faq/#//evil.example/",
    "/latest/go/complaint-channels/#javascript:alert(1)": "/latest/complaints/#complaint-channels",
}

# Replaces the dialogs before any script of the page runs, in every document.
HOOK_DIALOGS = """for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => window.playbookTestDialog(name + "(" + args.join(",") + ")");
}"""


@pytest.fixture
def hostile_reader(browser, served_branch):
    """A page whose dialogs, script errors and requests to other hosts are recorded."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    seen = {"dialogs": [], "errors": [], "elsewhere": []}
    context.expose_function("playbookTestDialog", lambda text: seen["dialogs"].append(text))
    context.add_init_script(HOOK_DIALOGS)
    site = urlsplit(served_branch).netloc

    def only_this_site(route):
        if urlsplit(route.request.url).netloc == site:
            route.continue_()
        else:
            seen["elsewhere"].append(route.request.url)
            route.abort()

    context.route("**/*", only_this_site)
    page = context.new_page()
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.seen = seen
    yield page
    context.close()


def settled(page):
    """Wait until the page's scripts have sent the reader on and filled the
    version selector (hidden while ?q= opens the search: Material's own)."""
    page.wait_for_load_state("networkidle")
    page.locator("[data-playbook-version-list] a").first.wait_for(state="attached")
    page.wait_for_load_state("networkidle")


def assert_nothing_ran(page, served_branch):
    assert page.seen == {"dialogs": [], "errors": [], "elsewhere": []}
    assert page.url.startswith(served_branch + "/")
    for element in page.locator("img[src='x'], [onerror], [onload], [onmouseover], script:not([src])").all():
        assert "alert" not in element.evaluate("e => e.outerHTML"), "hostile markup in the page"


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES, ids=str)
def test_a_hostile_address_runs_nothing_and_stays_on_this_host(hostile_reader, served_branch, address):
    page = hostile_reader
    page.goto(served_branch + address)
    settled(page)
    landing = HOSTILE_ADDRESSES[address]
    assert page.url.startswith(served_branch + landing), page.url
    assert_nothing_ran(page, served_branch)
    suggestions = page.locator("[data-playbook-short-link-suggestions] a")
    for link in suggestions.all():  # built as text, each to this host
        assert link.evaluate("a => a.href").startswith(served_branch + "/")
        assert "<" not in link.inner_html()


def test_links_on_a_page_with_a_hostile_hash_go_to_this_host_keeping_only_the_fragment(hostile_reader,
                                                                                       served_branch):
    page = hostile_reader
    fragment = "#javascript:alert(1)"
    page.goto(f"{served_branch}/1.0/pl/channels/{fragment}")
    settled(page)
    links = {
        "banner": page.locator("[data-playbook-version-banner] a[data-playbook-latest-link]"),
        "language": page.locator("a[data-playbook-language='it']"),
        "version": page.locator("a[data-playbook-version='2.0']"),
    }
    expected = {"banner": "/latest/pl/channels/", "language": "/1.0/it/channels/", "version": "/2.0/pl/channels/"}
    for name, link in links.items():
        href = link.evaluate("a => a.href")
        assert href == served_branch + expected[name] + fragment, (name, href)
    page.locator(".playbook-copy-link--version").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"{served_branch}/1.0/pl/channels/#") and "javascript" not in copied
    links["banner"].click()
    page.wait_for_url(served_branch + expected["banner"] + fragment)
    settled(page)
    assert_nothing_ran(page, served_branch)


@pytest.mark.parametrize("length", [1_000, 20_000])
def test_a_very_long_unknown_short_link_still_gets_suggestions(hostile_reader, served_branch, length):
    page = hostile_reader
    page.goto(f"{served_branch}/latest/go/{'a' * length}/")
    page.locator("[data-playbook-short-link-suggestions] a").first.wait_for(timeout=20_000)
    assert_nothing_ran(page, served_branch)
