"""In a real Chromium, on the published branch served like a static host:
the version selector, the language switcher and the outdated banner keep the
reader's page and section; the root and unknown addresses lead home."""

from __future__ import annotations

import shutil

import pytest

from conftest import StaticHost, export_branch, published

pytestmark = pytest.mark.browser

SECTION = "complaint-channels"


def choose_version(page, version):
    page.locator("[data-playbook-versions] button").hover()
    page.locator(f"a[data-playbook-version='{version}']").click()


def choose_language(page, language):
    page.locator(".playbook-languages button").hover()
    page.locator(f"a[data-playbook-language='{language}']").click()


def test_switching_version_keeps_language_page_and_section(page, served_branch):
    page.goto(f"{served_branch}/1.0/pl/complaints/#{SECTION}")
    choose_version(page, "2.0")
    page.wait_for_url(f"{served_branch}/2.0/pl/complaints/#{SECTION}")
    assert page.locator("html").get_attribute("lang") == "pl"


def test_switching_language_keeps_version_page_and_section(page, served_branch):
    page.goto(f"{served_branch}/2.0/pl/complaints/#{SECTION}")
    choose_language(page, "sl")
    page.wait_for_url(f"{served_branch}/2.0/sl/complaints/#{SECTION}")
    assert page.locator("html").get_attribute("lang") == "sl"


def test_the_switchers_follow_the_section_the_reader_moves_to(page, served_branch):
    page.goto(f"{served_branch}/2.0/pl/complaints/")
    page.evaluate(f"location.hash = '#{SECTION}'")  # as a table-of-contents link does
    choose_language(page, "sl")
    page.wait_for_url(f"{served_branch}/2.0/sl/complaints/#{SECTION}")
    page.evaluate("location.hash = '#complaint-logging'")
    choose_version(page, "1.0")
    page.wait_for_url(f"{served_branch}/1.0/sl/complaints/#complaint-logging")


def test_switching_to_a_version_without_the_page_lands_on_its_home_in_the_same_language(page, served_branch):
    page.goto(f"{served_branch}/2.0/pl/glossary/#glossary-terms")
    choose_version(page, "1.0")
    page.wait_for_url(f"{served_branch}/1.0/pl/")
    assert page.locator("html").get_attribute("lang") == "pl"


def test_the_selector_lists_releases_not_previews_and_marks_the_current_one(page, served_branch):
    page.goto(f"{served_branch}/2.0/nb/channels/")
    page.locator("[data-playbook-versions]").wait_for(state="visible")
    listed = page.locator("a[data-playbook-version]").evaluate_all("links => links.map(a => a.textContent)")
    assert listed == ["3.0 (latest)", "2.0", "1.0"]
    assert page.locator("a[data-playbook-version='2.0']").get_attribute("aria-current") == "page"
    assert page.locator("[data-playbook-version-current]").inner_text() == "2.0"


def test_an_old_version_says_so_in_its_language_and_links_to_the_section_in_latest(page, served_branch):
    page.goto(f"{served_branch}/1.0/pl/complaints/#{SECTION}")
    banner = page.locator("[data-playbook-version-banner]")
    banner.wait_for(state="visible")
    assert "To nie jest aktualna wersja podręcznika" in banner.inner_text()
    link = banner.locator("a[data-playbook-latest-link]")
    assert link.get_attribute("href") == f"{served_branch}/latest/pl/complaints/#{SECTION}"
    link.click()
    page.wait_for_url(f"{served_branch}/latest/pl/complaints/#{SECTION}")
    assert page.locator("[data-playbook-version-banner]").is_hidden()


def test_latest_and_its_version_show_no_banner(page, served_branch):
    for address in ("/latest/it/channels/", "/3.0/it/channels/"):
        page.goto(served_branch + address)
        page.locator("[data-playbook-versions]").wait_for(state="visible")
        assert page.locator("[data-playbook-version-banner]").is_hidden()


def test_a_preview_says_it_is_a_preview(page, served_branch):
    page.goto(f"{served_branch}/pr-7/channels/")
    banner = page.locator("[data-playbook-version-banner]")
    banner.wait_for(state="visible")
    assert "This is a preview of proposed changes" in banner.inner_text()
    # Listed while being read, so that the reader sees where they are.
    assert page.locator("a[data-playbook-version='pr-7']").count() == 1


@pytest.fixture(scope="module")
def branch_with_dev(published_repo, tmp_path_factory):
    """The published branch and the development version dev, as publish.yml makes it from main."""
    repo = shutil.copytree(published_repo, tmp_path_factory.mktemp("with-dev") / "repo", symlinks=True)
    published(repo, "deploy", "dev", "--alias", "", "--kind", "development")
    host = StaticHost(export_branch(repo, tmp_path_factory.mktemp("with-dev-branch")))
    yield host.url
    host.close()


def test_the_development_version_says_so_in_the_readers_language(page, branch_with_dev):
    page.goto(f"{branch_with_dev}/dev/pl/complaints/#{SECTION}")
    banner = page.locator("[data-playbook-version-banner]")
    banner.wait_for(state="visible")
    assert "To jest robocza wersja podręcznika, jeszcze nieopublikowana" in banner.inner_text()
    assert "To nie jest aktualna wersja" not in banner.inner_text()
    assert banner.locator("a[data-playbook-latest-link]").get_attribute("href") == \
        f"{branch_with_dev}/latest/pl/complaints/#{SECTION}"
    # Unlike a preview, dev is listed in the selector.
    page.goto(f"{branch_with_dev}/latest/pl/complaints/")
    page.locator("[data-playbook-versions]").wait_for(state="visible")
    assert page.locator("a[data-playbook-version='dev']").count() == 1


def test_the_root_address_leads_to_latest(page, served_branch):
    page.goto(served_branch + "/")
    page.wait_for_url(f"{served_branch}/latest/")
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("address, shown, language, title", [
    ("/2.0/pl/no-such-page/", "/2.0/pl/no-such-page/", "pl", "Nie znaleziono strony"),
    ("/1.0/sl/complaints/gone/", "/1.0/sl/complaints/gone/", "sl", "Strani ni mogoče najti"),
    # An address without a version is looked up in latest.
    ("/pl/no-such-page/", "/latest/pl/no-such-page/", "pl", "Nie znaleziono strony"),
    ("/no-such-version/page/", "/latest/no-such-version/page/", "en", "Page not found"),
])
def test_an_unknown_address_shows_a_404_in_the_language_it_names(page, served_branch, address, shown, language, title):
    page.goto(served_branch + address)
    page.wait_for_url(served_branch + shown)
    page.wait_for_function(f"document.documentElement.lang === '{language}'")
    assert page.locator("article h1").inner_text() == title


def test_an_address_without_a_version_opens_it_in_latest(page, served_branch):
    response = page.goto(f"{served_branch}/pl/complaints/#complaint-channels")
    assert response.status == 404  # the host's answer; the root 404 page forwards
    page.wait_for_url(f"{served_branch}/latest/pl/complaints/#complaint-channels")


def test_reading_a_page_asks_nothing_of_any_other_host(page, served_branch):
    hosts = []
    page.on("request", lambda request: hosts.append(request.url.split("/")[2]))
    page.goto(f"{served_branch}/1.0/pl/complaints/")
    page.locator("[data-playbook-version-banner]").wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    assert set(hosts) == {served_branch.split("/")[2]}


def test_the_version_selector_works_from_the_keyboard(page, served_branch):
    from a11y import tab_until

    page.goto(f"{served_branch}/1.0/pl/complaints/#{SECTION}")
    page.locator("[data-playbook-versions]").wait_for(state="visible")
    tab_until(page, "[data-playbook-versions] button")
    assert page.locator("[data-playbook-version-list]").is_visible()  # opens on focus
    tab_until(page, "a[data-playbook-version='2.0']", limit=6)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{served_branch}/2.0/pl/complaints/#{SECTION}")


def test_an_old_version_with_its_banner_and_selector_has_no_serious_violation(page, served_branch):
    from a11y import assert_no_serious_violations

    page.goto(f"{served_branch}/1.0/pl/complaints/#{SECTION}")
    page.locator("[data-playbook-changed-since]").wait_for(state="visible")
    page.locator("[data-playbook-versions] button").hover()  # the version list open
    assert_no_serious_violations(page)
