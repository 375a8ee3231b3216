"""Changelog entries: parsing and validation, injection into every language, feeds, PR check."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from conftest import REPO, BuildFailed
from html_pages import LANGUAGES, soup
from playbook import changelog
from playbook.errors import PlaybookError
from test_translations import build, fixture_docs

SECTIONS = {"channels": {"email-response", "phone-service-level"}, "index": {"start"}}
GOOD = "date: 2026-11-20\naffects: [channels#email-response, index]\nsummary:\n  en: Email replies within 12 hours.\n  pl: E-maile w ciągu 12 godzin.\n"


def parse(text):
    return changelog.parse(text, "entry", "changes/entry.yml", LANGUAGES, "en", SECTIONS)


def test_a_good_entry_parses():
    entry = parse(GOOD)
    assert entry.date == dt.date(2026, 11, 20)
    assert [str(t) for t in entry.affects] == ["channels#email-response", "index"]
    assert entry.summary_in("pl", "en") == ("E-maile w ciągu 12 godzin.", False)
    assert entry.summary_in("it", "en") == ("Email replies within 12 hours.", True)
    assert entry.version is None


@pytest.mark.parametrize("text, message", [
    ("date: 2026-11-20\naffects: [index\nsummary: {en: x}\n", "changes/entry.yml:3: not valid YAML"),
    ("affects: [index]\nsummary: {en: x}\n", "changes/entry.yml: the field 'date' is missing. Add the day of the change as 'date: 2026-11-20'."),
    ("date: 2026-11-20\nsummary: {en: x}\n", "changes/entry.yml: the field 'affects' is missing."),
    ("date: 2026-11-20\naffects: [index]\n", "changes/entry.yml: the field 'summary' is missing."),
    ("date: 20 November\naffects: [index]\nsummary: {en: x}\n", "changes/entry.yml:1: date '20 November' is not a date; write it as YYYY-MM-DD"),
    ("date: 2026-13-01\naffects: [index]\nsummary: {en: x}\n", "date '2026-13-01' is not a date"),
    ("date: 2026-11-20\naffects: [prices]\nsummary: {en: x}\n", "changes/entry.yml:2: affects 'prices' names the page 'prices', which does not exist; pages are channels, index."),
    ("date: 2026-11-20\naffects: [channels#fax]\nsummary: {en: x}\n", "affects 'channels#fax' names the section '#fax', which is not on the page 'channels'"),
    ("date: 2026-11-20\naffects: [index]\nsummary: {en: x, de: y}\n", "changes/entry.yml:3: summary has the unknown language(s) 'de'; use en, it, sl, nb, pt, pl."),
    ("date: 2026-11-20\naffects: [index]\nsummary: {pl: x}\n", "changes/entry.yml:3: summary has no 'en' text; the en summary is required."),
    ("date: 2026-11-20\naffects: [index]\nsummary: {en: x}\nversion: 2026.11\n", 'changes/entry.yml:4: version 2026.11 must be quoted, as version: "2026.11"'),
    ("date: 2026-11-20\naffects: [index]\nsummary: {en: x}\nauthor: me\n", "changes/entry.yml:4: unknown field(s) 'author'"),
])
def test_each_bad_input_names_the_file_and_the_problem(text, message):
    with pytest.raises(PlaybookError) as error:
        parse(text)
    assert message in str(error.value)


def entry(entry_id, date, version=None):
    return changelog.Entry(entry_id, dt.date.fromisoformat(date), (changelog.Target("index"),), {"en": entry_id}, version)


def test_entries_keep_the_first_release_that_shipped_them():
    entries = [entry("a", "2026-01-01", "1.0"), entry("b", "2026-02-01"), entry("c", "2026-03-01"), entry("d", "2026-03-02")]
    published = [("1.0", {"a"}), ("1.1", {"a", "b"}), ("2.0", {"a", "b", "c"})]
    releases = changelog.assign_releases(entries, published, building="2.1")
    assert [(r.version, [e.id for e in r.entries]) for r in releases] == [
        ("2.1", ["d"]), ("2.0", ["c"]), ("1.1", ["b"]), ("1.0", ["a"])]
    plain = changelog.assign_releases(entries[:2], [], building=None)
    assert [(r.version, [e.id for e in r.entries]) for r in plain] == [(None, ["b"]), ("1.0", ["a"])]


# Builds on fixture docs.

def with_changes(tmp_path, *entries):
    docs = fixture_docs(tmp_path)
    (tmp_path / "changes").mkdir()
    for number, text in enumerate(entries):
        (tmp_path / "changes" / f"entry-{number}.yml").write_text(text, encoding="utf-8")
    return docs


def test_entries_reach_every_language_with_english_fallback_marked(tmp_path):
    older = "date: 2026-10-01\naffects: [channels]\nsummary:\n  en: Phone rules clarified.\nversion: \"2026.10\"\n"
    site = build(tmp_path, with_changes(tmp_path, GOOD, older))
    for language in LANGUAGES:
        page = soup(site / ("" if language == "en" else language) / "changelog" / "index.html")
        text = page.select_one("article").get_text(" ", strip=True)
        releases = [h.get_text(strip=True).rstrip("¶") for h in page.select("article h2")]
        assert releases[-1] == "2026.10" and len(releases) == 2, (language, releases)
        if language == "pl":
            assert "E-maile w ciągu 12 godzin." in text
        elif language != "en":
            assert "Email replies within 12 hours." in text
            assert page.select_one("article em[lang=en]") is not None
        links = [a["href"] for a in page.select("article li a")]
        assert "../channels/#email-response" in links
    assert "Nieopublikowane" in soup(site / "pl" / "changelog" / "index.html").select_one("article h2").get_text()


def test_affected_page_shows_history_marker_and_last_revised(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_RELEASE", "2026.12")
    older = "date: 2026-10-01\naffects: [channels#phone-service-level]\nsummary:\n  en: Phone rules clarified.\nversion: \"2026.10\"\n"
    site = build(tmp_path, with_changes(tmp_path, GOOD, older))
    page = soup(site / "pl" / "channels" / "index.html")
    history = page.select_one("details.playbook-revision-history")
    assert history is not None and "open" not in history.attrs  # collapsed
    items = [li.get_text(" ", strip=True) for li in history.select("li")]
    assert "E-maile w ciągu 12 godzin." in items[0] and "2026.12" in items[0]
    assert "Phone rules clarified." in items[1] and "po angielsku" in items[1]
    assert page.select_one(".playbook-last-revised time")["datetime"] == "2026-11-20"
    assert page.select_one(".playbook-last-revised").get_text(" ", strip=True) == "Ostatnia zmiana: 20 listopada 2026"
    changed = page.select("h2.playbook-changed")
    assert [h["id"] for h in changed] == ["email-response"]  # the 2026.10 section is not marked
    assert changed[0]["data-changed"] == "Zmieniono w 2026.12"


def test_feed_is_atom_with_absolute_links_and_is_linked(tmp_path):
    site = build(tmp_path, with_changes(tmp_path, GOOD))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(site / "pl" / "feed.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = feed.findall("a:entry", ns)
    assert [e.findtext("a:title", namespaces=ns) for e in entries] == ["E-maile w ciągu 12 godzin."]
    hrefs = [link.get("href") for link in entries[0].findall("a:link", ns)]
    assert hrefs == ["https://playbook.brightwater.example/pl/channels/#email-response",
                     "https://playbook.brightwater.example/pl/"]
    head = soup(site / "pl" / "channels" / "index.html").select_one("link[type='application/atom+xml']")
    assert head["href"] == "../feed.xml"
    on_changelog = soup(site / "pl" / "changelog" / "index.html").select_one(".playbook-feed-link a")
    assert on_changelog["href"] == "../feed.xml"


def test_bad_entry_fails_the_build_naming_the_file(tmp_path):
    docs = with_changes(tmp_path, "date: 2026-11-20\naffects: [nowhere]\nsummary: {en: x}\n")
    with pytest.raises(BuildFailed, match=r"changes/entry-0.yml:2: affects 'nowhere' names the page 'nowhere', which does not exist"):
        build(tmp_path, docs)


def test_real_site_ships_an_entry_on_its_changelog(real_site):
    assert list((REPO / "changes").glob("*.yml"))
    items = soup(real_site / "changelog" / "index.html").select("article li")
    assert items and "First release" in items[-1].get_text()


# The pull-request check, in a real git repository.

def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def pr_repo(tmp_path):
    repo = tmp_path / "repo"
    (repo / "docs" / "en").mkdir(parents=True)
    (repo / "docs" / "en" / "channels.md").write_text("# Channels\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "base", "--allow-empty")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "docs")
    git(repo, "checkout", "-qb", "feature")
    (repo / "docs" / "en" / "channels.md").write_text("# Channels\n\nNew rule.\n")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "change docs")
    return repo


def check(repo, labels="[]"):
    return subprocess.run([sys.executable, str(REPO / "scripts" / "changelog_check.py"), "--repo", str(repo),
                           "--base", "main", "--labels", labels], capture_output=True, text=True)


def test_pr_check_fails_without_an_entry_and_says_how(pr_repo):
    result = check(pr_repo)
    assert result.returncode == 1
    assert "changes docs/en/channels.md but adds no changelog entry" in result.stderr
    assert "affects: [channels#email-response]" in result.stderr and "'no-changelog'" in result.stderr


def test_pr_check_passes_with_an_entry_or_the_label(pr_repo):
    assert check(pr_repo, '["no-changelog"]').returncode == 0
    (pr_repo / "changes").mkdir()
    (pr_repo / "changes" / "new-rule.yml").write_text(GOOD)
    git(pr_repo, "add", ".")
    git(pr_repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "entry")
    result = check(pr_repo)
    assert result.returncode == 0 and "passed" in result.stdout


def commit_all(repo, message, date):
    env_date = f"{date}T12:00:00+00:00"
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", message],
                   check=True, env={**__import__("os").environ, "GIT_AUTHOR_DATE": env_date, "GIT_COMMITTER_DATE": env_date})


def test_page_without_entry_shows_its_last_commit_date_or_nothing_outside_git(tmp_path):
    docs = with_changes(tmp_path)  # no entries at all
    site = build(tmp_path, docs)
    assert soup(site / "channels" / "index.html").select_one(".playbook-last-revised") is None
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, "docs", "2026-03-04")
    site = build(tmp_path, docs)
    assert soup(site / "pl" / "channels" / "index.html").select_one(".playbook-last-revised time")["datetime"] == "2026-03-04"


def test_unversioned_entry_keeps_the_first_published_release_that_shipped_it(tmp_path, monkeypatch):
    docs = with_changes(tmp_path, GOOD)
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, "docs", "2026-11-20")
    # A published branch as mike leaves it: versions.json and what each version shipped.
    git(tmp_path, "checkout", "-q", "--orphan", "gh-pages")
    git(tmp_path, "rm", "-rqf", ".")
    (tmp_path / "1.0").mkdir()
    (tmp_path / "1.0" / "changelog.json").write_text('{"version": "1.0", "entries": ["entry-0"]}')
    (tmp_path / "versions.json").write_text('[{"version": "1.0", "title": "1.0", "aliases": ["latest"]}]')
    commit_all(tmp_path, "publish 1.0", "2026-11-21")
    git(tmp_path, "checkout", "-q", "main")
    monkeypatch.setenv("PLAYBOOK_RELEASE", "2.0")
    site = build(tmp_path, docs)
    releases = [h.get_text(strip=True).rstrip("¶") for h in soup(site / "changelog" / "index.html").select("article h2")]
    assert releases == ["1.0"]
    shipped = (site / "changelog.json").read_text()
    assert '"version": "2.0"' in shipped and '"entry-0"' in shipped
