"""Links that keep working: the inventory, its diff, redirects and short links
(playbook/inventory.py, plain data in and out)."""

from __future__ import annotations

import pytest

from playbook import inventory
from playbook.errors import PlaybookError

SOURCES = {
    "en": {"index": "# Home\n\n## Welcome {#welcome}\n",
           "complaints": "# Complaints\n\n## Channels {#complaint-channels}\n\n### Logging {#complaint-logging}\n"},
    "pl": {"complaints": "# Reklamacje\n\n## Kanały {#complaint-channels}\n\n### Rejestracja {#complaint-logging}\n"},
}
IDS = {"index": ["welcome"], "complaints": ["complaint-channels", "complaint-logging"]}


def published():
    return inventory.build(SOURCES, ["en", "pl"], "en")


def test_every_language_lists_every_page_with_its_ids():
    assert published() == {
        "default": "en", "languages": ["en", "pl"],
        "pages": {"": ["welcome"], "complaints/": ["complaint-channels", "complaint-logging"],
                  "pl/": ["welcome"], "pl/complaints/": ["complaint-channels", "complaint-logging"]},
    }


def current(**changes):
    sources = {language: dict(pages) for language, pages in SOURCES.items()}
    for page, text in changes.items():
        sources["en"][page] = text
        sources["pl"].pop(page, None)
    sources["en"] = {page: text for page, text in sources["en"].items() if text is not None}
    return inventory.build(sources, ["en", "pl"], "en")


def test_nothing_is_missing_when_nothing_changed():
    assert inventory.missing_links(published(), published(), inventory.Redirects()) == []


def test_a_removed_section_id_is_reported_once_without_its_language():
    now = current(complaints="# Complaints\n\n## Channels {#complaint-channels}\n")
    assert inventory.missing_links(published(), now, inventory.Redirects()) == ["complaints/#complaint-logging"]


def test_a_renamed_id_with_a_redirect_is_not_missing():
    now = current(complaints="# Complaints\n\n## Channels {#complaint-channels}\n\n### Reg {#complaint-registration}\n")
    redirects = inventory.Redirects(sections={"complaint-logging": "complaint-registration"})
    assert inventory.missing_links(published(), now, redirects) == []


def test_an_id_that_moved_to_another_page_is_still_found():
    now = current(complaints="# Complaints\n\n## Channels {#complaint-channels}\n",
                  index="# Home\n\n## Welcome {#welcome}\n\n## Logging {#complaint-logging}\n")
    assert inventory.missing_links(published(), now, inventory.Redirects()) == []


def test_a_removed_page_is_reported_unless_redirected():
    now = current(complaints=None, grievances="# G\n\n## Channels {#complaint-channels}\n\n### L {#complaint-logging}\n")
    assert inventory.missing_links(published(), now, inventory.Redirects()) == ["complaints/"]
    moved = inventory.Redirects(pages={"complaints": "grievances"})
    assert inventory.missing_links(published(), now, moved) == []


def test_redirects_are_checked_against_the_site():
    loaded = inventory.load_redirects({"pages": {"questions": "index"}, "sections": {"old-id": "welcome"}}, IDS)
    assert loaded.pages == {"questions": "index"} and loaded.sections == {"old-id": "welcome"}
    assert loaded.as_json() == {"pages": {"questions/": ""}, "sections": {"old-id": "welcome"}}


@pytest.mark.parametrize("raw, message", [
    ({"sections": {"old-id": "complaint-chanels"}},
     "extra.redirects.sections: 'old-id' redirects to 'complaint-chanels', which is not a section id of the site. "
     "Did you mean 'complaint-channels'?"),
    ({"sections": {"welcome": "complaint-channels"}},
     "'welcome' still exists, so it cannot redirect to 'complaint-channels'. Remove this line, or remove or rename "
     "the section id 'welcome'."),
    ({"pages": {"questions": "faq"}}, "'questions' redirects to 'faq', which is not a page of the site."),
    ({"page": {"a": "b"}}, "mkdocs.yml: extra.redirects must be a mapping with 'pages' and/or 'sections'"),
    ({"pages": ["a", "b"]}, "extra.redirects.pages must map old names to new ones, one per line: 'old: new'."),
])
def test_a_bad_redirect_says_what_to_fix(raw, message):
    with pytest.raises(PlaybookError) as error:
        inventory.load_redirects(raw, IDS)
    assert message in str(error.value)
    assert str(error.value).startswith("mkdocs.yml: extra.redirects")


def test_short_links_cover_every_section_and_page():
    assert inventory.short_links(IDS) == {
        "welcome": "#welcome", "complaint-channels": "complaints/#complaint-channels",
        "complaint-logging": "complaints/#complaint-logging", "index": "", "complaints": "complaints/",
    }


def test_a_short_link_that_would_be_both_a_page_and_a_section_is_refused():
    with pytest.raises(PlaybookError) as error:
        inventory.short_links({"faq": ["general"], "general": ["x"]})
    assert "the short link /go/general/ would be both the page 'general' and the section #general" in str(error.value)


def test_a_published_redirect_must_stay():
    old = {**published(), "redirects": {"pages": {"questions/": "complaints/"}, "sections": {"old-id": "welcome"}}}
    assert inventory.missing_links(old, published(), inventory.Redirects()) == ["#old-id", "questions/"]
    kept = inventory.Redirects(pages={"questions": "complaints"}, sections={"old-id": "welcome"})
    assert inventory.missing_links(old, published(), kept) == []
