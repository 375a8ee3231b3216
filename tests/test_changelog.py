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


# Hostile entries: refused with the file and line, before any value is used,
# and a value in a message is cut short.

import time  # noqa: E402

import cli_build  # noqa: E402

HEAD = "date: 2026-11-20\naffects: [index]\nsummary:\n"


def alias_bomb(levels: int) -> str:
    """The review's alias bomb: each level repeats the one before ten times (10**levels items)."""
    lines = ["date: 2026-11-20", "summary: {en: x}", "affects:", "  - &l0 [" + ", ".join(["index"] * 10) + "]"]
    lines += [f"  - &l{n} [" + ", ".join([f"*l{n - 1}"] * 10) + "]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [6, 9])
def test_an_alias_bomb_is_refused_before_it_expands(levels):
    started = time.monotonic()
    with pytest.raises(PlaybookError) as error:
        parse(alias_bomb(levels))
    assert str(error.value) == ("changes/entry.yml:5: the YAML alias *l0 repeats another value; aliases are not "
                                "allowed here. Write the value out in full.")
    assert time.monotonic() - started < 5  # 10**9 items would take minutes and gigabytes


@pytest.mark.parametrize("text, message", [
    (HEAD + '  en: "ctrl\\x01char\\x1bx"\n', "changes/entry.yml:4: the text 'ctrl\\x01char\\x1bx' contains the character "
                                            "U+0001, which pages and feeds cannot carry"),
    (HEAD + '  en: "nul\\0"\n', "changes/entry.yml:4: the text 'nul\\x00' contains the character U+0000"),
    (HEAD + '  en: "not a character \\uFFFE"\n', "changes/entry.yml:4: the text 'not a character \\ufffe' contains the "
                                                "character U+FFFE"),
    (HEAD + '  en: "x"\n  "pl\\x0c": "y"\n', "changes/entry.yml:5: the text 'pl\\x0c' contains the character U+000C"),
    ('date: 2026-11-20\naffects: ["index\\x08"]\nsummary: {en: x}\n', "changes/entry.yml:2: the text 'index\\x08'"),
    (HEAD + '  en: x\nversion: "2026.11\\x1b"\n', "changes/entry.yml:5: the text '2026.11\\x1b' contains the character U+001B"),
    (HEAD + "  en: raw \x01 byte\n", "changes/entry.yml:4: the character U+0001 is not allowed in YAML"),
    (HEAD + '  en: "\\ud800"\n', "changes/entry.yml:4: not valid YAML (found invalid Unicode character escape code"),
    (HEAD + "  en: |\n    Two lines:\n    the second.\n", "changes/entry.yml:4: summary.en has more than one line; a summary "
                                                         "is one or two sentences. Join the lines"),
    (HEAD + '  en: "one\\u2028two"\n', "changes/entry.yml:4: summary.en has more than one line"),
    (HEAD + '  en: x\nversion: "2027.1\\n\\n## INJECTED-HEADING {#injected}\\n\\n<script>alert(1)</script>"\n',
     "changes/entry.yml:5: version '2027.1\\n\\n## INJECTED-HEADING {#injected}\\n\\n<script>alert(1)</script>' is not "
     "one short line; write the release's name, such as version: \"2026.11\"."),
    (HEAD + "  en: x\nversion: \"<b>v</b>\\\"x&amp;\"\n", "changes/entry.yml:5: version: '<b>v</b>\"x&amp;' is not a usable "
                                                       "version name"),
    (HEAD + "  en: x\nversion: \"2026 11\"\n", "changes/entry.yml:5: version: '2026 11' is not a usable version name"),
    (HEAD + "  en: x\nversion: !!python/object/apply:os.system ['true']\n",
     "changes/entry.yml:5: not valid here (could not determine a constructor for the tag"),
    (HEAD + "  en: " + "x" * 70 * 1024 + "\n", "changes/entry.yml: the entry is 70 KiB; an entry may be at most 64 KiB."),
])
def test_a_hostile_entry_names_the_file_line_and_fix(text, message):
    with pytest.raises(PlaybookError) as error:
        parse(text)
    assert message in str(error.value)


@pytest.mark.parametrize("text", [
    "date: 2026-11-20\naffects: [" + "x" * 60000 + "]\nsummary: {en: x}\n",
    "date: 2026-11-20\naffects: [[" + ", ".join(["index"] * 5000) + "]]\nsummary: {en: x}\n",
    "date: [" + ", ".join(["2026-11-20"] * 5000) + "]\naffects: [index]\nsummary: {en: x}\n",
    # "? key" is YAML's form for a key longer than 1024 characters.
    "date: 2026-11-20\naffects: [index]\nsummary: {en: x}\n? " + "y" * 5000 + "\n: z\n",
    "date: 2026-11-20\naffects: [index]\nsummary:\n  en: x\n  ? " + "q" * 5000 + "\n  : z\n",
])
def test_a_long_value_is_cut_short_in_the_message(text):
    with pytest.raises(PlaybookError) as error:
        parse(text)
    assert str(error.value).startswith("changes/entry.yml:") and len(str(error.value)) < 400, str(error.value)[:1000]


def test_a_version_field_that_is_a_version_name_is_kept():
    assert parse(HEAD + '  en: x\nversion: " 2026.11 "\n').version == "2026.11"
    assert parse(HEAD + "  en: >\n    One sentence\n    on two lines.\n").summary["en"] == "One sentence on two lines."


@pytest.mark.parametrize("name, text, message", [
    ("bomb.yml", alias_bomb(7), "changes/bomb.yml:5: the YAML alias *l0 repeats another value"),
    ("ctrl.yml", HEAD + '  en: "ctrl\\x01char"\n', "changes/ctrl.yml:4: the text 'ctrl\\x01char' contains the character U+0001"),
    ("big.yml", HEAD + "  en: " + "x" * 2 * 1024 * 1024 + "\n", "changes/big.yml: the entry is 2048 KiB; an entry may be at most 64 KiB."),
])
def test_a_hostile_entry_fails_the_mkdocs_build_without_a_traceback(tmp_path, name, text, message):
    root = cli_build.project(tmp_path / "project", copied=("changes",))
    (root / "changes" / name).write_text(text, encoding="utf-8")
    cli_build.assert_refused(root, cli_build.build(root), message)


def test_an_entry_follows_a_section_renamed_with_a_redirect():
    from playbook import changelog as entries

    text = "date: 2026-11-20\naffects: [complaints#complaint-acknowledgement]\nsummary: {en: Changed.}\n"
    sections = {"complaints": {"complaint-receipt"}}
    entry = entries.parse(text, "e", "changes/e.yml", ["en"], "en", sections,
                          {"complaint-acknowledgement": "complaint-receipt"})
    assert [(t.page, t.section) for t in entry.affects] == [("complaints", "complaint-receipt")]
    with pytest.raises(PlaybookError) as error:  # without the redirect, the old id is an error, as before
        entries.parse(text, "e", "changes/e.yml", ["en"], "en", sections)
    assert "names the section '#complaint-acknowledgement', which is not on the page 'complaints'" in str(error.value)
