"""Owners and review dates: the build refuses a page without them, an unknown
owner and a future date, with the file and the line; every page, and the
print page, shows them in the reader's language; make review-status; and the
section catalogue sections.json, checked against its schema in every language."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from babel.dates import format_date

import cli_build
import json_schema
from conftest import REPO, git
from html_pages import LANGUAGES, PAGES, article, page_file, soup
from playbook import quantities, review
from playbook.translations import split_front_matter

# English front matter, as the repository has it: owner on line 2, reviewed on line 3.
CHANNELS = "docs/en/channels.md"
OWNER_LINE = "owner: channels_lead\n"
REVIEWED_LINE = "reviewed: 2026-11-20\n"


def config() -> dict:
    from mkdocs.utils.yaml import yaml_load

    with open(REPO / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml_load(handle)


def english_front_matter(page: str) -> dict:
    return split_front_matter((REPO / "docs" / "en" / f"{page}.md").read_text(encoding="utf-8"))[0]


def owner_name(role: str, language: str) -> str:
    return config()["extra"]["company"]["owners"][role][language]


# Bad input: the message with file, line and fix; a non-zero exit, no traceback, no site.

@pytest.mark.parametrize("old, new, line, message", [
    (OWNER_LINE, "", 1, f"{CHANNELS}:1: the page has no 'owner' in its front matter. Every English page names "
                        "its owner (one of channels_lead, complaints_lead, playbook_editor, support_manager, training_lead)"),
    ("---\n" + OWNER_LINE + REVIEWED_LINE + "---\n", "", 1, f"{CHANNELS}:1: the page has no 'owner' in its front matter"),
    (REVIEWED_LINE, "", 1, f"{CHANNELS}:1: the page has no 'reviewed' in its front matter"),
    (OWNER_LINE, "owner: channel_lead\n", 2, f"{CHANNELS}:2: owner 'channel_lead' is not one of the roles under "
                                             "extra.company.owners in mkdocs.yml (channels_lead, complaints_lead, "
                                             "playbook_editor, support_manager, training_lead). Did you mean 'channels_lead'?"),
    (OWNER_LINE, 'owner: "<b>Chief Executive</b>"\n', 2,
     f"{CHANNELS}:2: owner '<b>Chief Executive</b>' is not one of the roles"),
    (OWNER_LINE, "owner: [channels_lead, complaints_lead]\n", 2,
     f"{CHANNELS}:2: owner ['channels_lead', 'complaints_lead'] is not one of the roles"),
    (OWNER_LINE, "owner: " + "x" * 5000 + "\n", 2, f"{CHANNELS}:2: owner 'xxxxxxxxxxxx"),
    (REVIEWED_LINE, "reviewed: 2999-01-01\n", 3, f"{CHANNELS}:3: reviewed 2999-01-01 is in the future (today is "),
    (REVIEWED_LINE, "reviewed: 2026-02-30\n", 3, f"{CHANNELS}:3: '2026-02-30' is not a real date (day is out of range "
                                                 "for month). Write a day that exists, as YYYY-MM-DD."),
    (REVIEWED_LINE, "reviewed: last week\n", 3, f"{CHANNELS}:3: reviewed 'last week' is not a date; write it as "
                                                "YYYY-MM-DD, for example reviewed: 2026-11-20."),
    (REVIEWED_LINE, "reviewed: 20/11/2026\n", 3, f"{CHANNELS}:3: reviewed '20/11/2026' is not a date"),
    (REVIEWED_LINE, REVIEWED_LINE + "review_interval_months: 0\n", 4,
     f"{CHANNELS}:4: review_interval_months 0 is not a whole number of months between 1 and 120"),
    (REVIEWED_LINE, REVIEWED_LINE + "review_interval_months: six\n", 4,
     f"{CHANNELS}:4: review_interval_months 'six' is not a whole number of months"),
])
def test_a_bad_owner_or_review_date_fails_the_build_with_file_line_and_fix(tmp_path, old, new, line, message):
    root = cli_build.project(tmp_path / "project", copied=("docs",))
    page = root / CHANNELS
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n" + OWNER_LINE + REVIEWED_LINE + "---\n")  # the lines the cases name
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = cli_build.build(root)
    cli_build.assert_refused(root, result, message)
    assert len(result.stderr) < 5000  # a long value is cut short in the message


def test_a_translation_may_not_set_its_own_owner(tmp_path):
    root = cli_build.project(tmp_path / "project", copied=("docs",))
    page = root / "docs" / "pl" / "channels.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\nowner: complaints_lead\n", 1), encoding="utf-8")
    cli_build.assert_refused(root, cli_build.build(root),
                             "docs/pl/channels.md:2: 'owner' is set on the English page only (docs/en/channels.md); "
                             "a translation takes its owner and review dates from there. Remove the line.")


def test_a_site_without_owner_roles_says_where_to_add_them(tmp_path):
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("    owners:\n")
    end = text.index("\n", text.index("        pl:", text.index("      playbook_editor:"))) + 1
    root = cli_build.project(tmp_path / "project", mkdocs_yml=text[:start] + text[end:])
    cli_build.assert_refused(root, cli_build.build(root), "mkdocs.yml: extra.company.owners lists no roles.")


# What readers see.

@pytest.mark.parametrize("day, months, due", [
    (dt.date(2026, 11, 20), 12, dt.date(2027, 11, 20)),
    (dt.date(2026, 11, 20), 6, dt.date(2027, 5, 20)),
    (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),   # to the last day of a leap February
    (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
    (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),
])
def test_the_next_review_is_the_review_date_plus_the_interval(day, months, due):
    assert review.add_months(day, months) == due


def expected_review(page: str) -> tuple[str, dt.date, dt.date]:
    meta = english_front_matter(page)
    months = meta.get("review_interval_months", config()["extra"]["company"]["policy"]["review_interval_months"])
    return meta["owner"], meta["reviewed"], review.add_months(meta["reviewed"], months)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_shows_owner_last_review_and_due_date_in_the_readers_language(real_site, language):
    for page in PAGES:
        owner, reviewed, due = expected_review(page)
        shown = article(page_file(real_site, page, language)).select_one(".playbook-review")
        assert shown is not None, (language, page)
        assert shown.strong.get_text() == owner_name(owner, language)
        times = {time["datetime"]: time.get_text() for time in shown.select("time")}
        locale = quantities.babel_locale(language)  # English dates are British
        assert times == {reviewed.isoformat(): format_date(reviewed, format="long", locale=locale),
                         due.isoformat(): format_date(due, format="long", locale=locale)}, (language, page)
        # The overdue notice waits, hidden, for the reader's own date (playbook.js).
        notice = article(page_file(real_site, page, language)).select_one("[data-playbook-overdue]")
        assert notice["data-due"] == due.isoformat() and notice.has_attr("hidden")


def test_a_page_may_set_its_own_review_interval(real_site):
    assert english_front_matter("faq")["review_interval_months"] == 6
    due = article(page_file(real_site, "faq", "nb")).select_one("[data-playbook-review-due]")
    assert due["datetime"] == review.add_months(english_front_matter("faq")["reviewed"], 6).isoformat()


@pytest.mark.parametrize("language", ["en", "pt"])
def test_the_print_page_carries_each_pages_owner_and_review_dates(real_site, language):
    sections = soup(page_file(real_site, "print", language)).select("section.playbook-print-section")
    assert len(sections) == len(PAGES) - 1
    for section in sections:
        owner, reviewed, due = expected_review(section["data-page"])
        shown = section.select_one(".playbook-review")
        assert shown.strong.get_text() == owner_name(owner, language)
        assert [time["datetime"] for time in shown.select("time")] == [reviewed.isoformat(), due.isoformat()]


# make review-status

def review_status(*args, repo=REPO):
    return subprocess.run([sys.executable, str(REPO / "scripts" / "review_status.py"), "--repo", str(repo), *args],
                          capture_output=True, text=True, timeout=120)


def test_review_status_lists_every_page_with_its_owner_dates_and_days_overdue():
    today = dt.date(2027, 6, 1)
    result = review_status("--today", today.isoformat())
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[2:] if line and not line[0].isdigit()}
    assert set(rows) == {path.stem for path in (REPO / "docs" / "en").glob("*.md")}
    for page, line in rows.items():
        owner, reviewed, due = expected_review(page)
        overdue = (today - due).days
        assert line.split()[-3:] == [reviewed.isoformat(), due.isoformat(), str(overdue) if overdue > 0 else "-"]
        assert owner_name(owner, "en") in line
    assert result.stdout.rstrip().endswith(f"{len(rows)} pages, 1 overdue for review (checked 2027-06-01).")


def test_the_issue_body_lists_the_overdue_pages_by_owner():
    result = review_status("--issue-body", "--today", "2028-01-01")
    assert result.returncode == 0, result.stderr
    body = result.stdout
    assert body.startswith(f"{len(PAGES)} page(s) of the playbook are overdue for review (checked 2028-01-01).")
    headings = [line for line in body.splitlines() if line.startswith("## ")]
    roles = sorted({expected_review(page)[0] for page in PAGES}, key=lambda role: owner_name(role, "en"))
    assert headings == [f"## {owner_name(role, 'en')} (`{role}`)" for role in roles]
    section = body.split("## Playbook Editor (`playbook_editor`)\n")[1].split("## ")[0]
    assert "- [faq](https://playbook.brightwater.example/latest/faq/): last reviewed 2026-11-20, due 2027-05-20, " \
           "226 day(s) overdue" in section
    assert "[channels]" not in section  # another owner's page
    nothing = review_status("--issue-body", "--today", "2026-12-10")
    assert nothing.stdout == "No page of the playbook is overdue for review (checked 2026-12-10).\n"
    assert "## " not in nothing.stdout  # what the workflow reads as "close the issue"


def test_review_status_refuses_a_bad_page_with_its_line_and_no_traceback(tmp_path):
    root = cli_build.project(tmp_path / "project", copied=("docs",))
    page = root / CHANNELS
    page.write_text(page.read_text(encoding="utf-8").replace(OWNER_LINE, "owner: chanels_lead\n"), encoding="utf-8")
    result = review_status(repo=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{CHANNELS}:2: owner 'chanels_lead' is not one of the roles" in result.stderr
    assert result.stdout == ""
    bad_day = review_status("--today", "soon")
    assert bad_day.returncode == 2 and "'soon' is not a date" in bad_day.stderr


# The section catalogue.

SCHEMA = json.loads((REPO / "hooks" / "playbook" / "sections.schema.json").read_text(encoding="utf-8"))


def catalogue(site, language):
    folder = site if language == "en" else site / language
    return json.loads((folder / "sections.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_matches_its_schema_and_the_pages_in_every_language(real_site, language):
    data = catalogue(real_site, language)
    assert json_schema.errors(data, SCHEMA) == []
    assert data["language"] == language and data["version"] is None and data["schema_version"] == 1
    inventory = json.loads((real_site / "inventory.json").read_text(encoding="utf-8"))["pages"]
    prefix = "" if language == "en" else f"{language}/"
    listed = [(entry["page"], entry["id"]) for entry in data["sections"]]
    assert len(listed) == len(set(listed)) > 100
    expected = {(page, section) for page in PAGES for section in
                inventory[prefix + ("" if page == "index" else f"{page}/")]}
    assert set(listed) == expected
    for entry in data["sections"]:
        built = soup(page_file(real_site, entry["page"], language))
        heading = built.find(id=entry["id"])
        assert entry["title"] == heading.get_text().rstrip("¶").strip()
        assert entry["page_title"] == built.select_one("article h1").get_text().rstrip("¶").strip()
        owner, reviewed, due = expected_review(entry["page"])
        assert entry["owner"] == {"role": owner, "name": owner_name(owner, language)}
        assert (entry["reviewed"], entry["review_due"]) == (reviewed.isoformat(), due.isoformat())
        address = f"{prefix}{'' if entry['page'] == 'index' else entry['page'] + '/'}#{entry['id']}"
        assert entry["url"] == entry["latest_url"] == f"https://playbook.brightwater.example/{address}"
        assert entry["short_url"] == f"https://playbook.brightwater.example/{prefix}go/{entry['id']}/"
    # The schema is published beside the catalogues, at the root of each build.
    assert json.loads((real_site / "sections.schema.json").read_text(encoding="utf-8")) == SCHEMA


def test_the_schema_check_is_live():
    good = {"schema_version": 1, "language": "en", "version": None, "sections": []}
    assert json_schema.errors(good, SCHEMA) == []
    assert json_schema.errors(dict(good, sections=[{"id": "Not Kebab"}]), SCHEMA)
    assert json_schema.errors(dict(good, schema_version=2), SCHEMA)
    assert json_schema.errors(dict(good, extra=True), SCHEMA)


def test_a_published_catalogue_has_permanent_and_latest_links_and_the_last_change(published_repo):
    data = json.loads(git(published_repo, "show", "gh-pages:3.0/pl/sections.json"))
    assert json_schema.errors(data, SCHEMA) == []
    assert data["version"] == "3.0"
    entry = next(e for e in data["sections"] if e["id"] == "complaint-channels")
    site = "https://playbook.brightwater.example"
    assert entry["url"] == f"{site}/3.0/pl/complaints/#complaint-channels"
    assert entry["latest_url"] == f"{site}/latest/pl/complaints/#complaint-channels"
    assert entry["short_url"] == f"{site}/pl/go/complaint-channels/"
    # changes/2026-11-chat-complaints.yml (first in 2.0) is the newest entry naming it.
    assert entry["last_changed"] == {"version": "2.0", "date": "2026-11-21"}
    old = json.loads(git(published_repo, "show", "gh-pages:1.0/pl/sections.json"))
    assert next(e for e in old["sections"] if e["id"] == "complaint-channels")["last_changed"]["date"] == "2026-11-20"
