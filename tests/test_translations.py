"""Translations kept in step: parity, notices, status table, 404 per language."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO, REVIEWED, BuildFailed, build_site, write_docs
from html_pages import LANGUAGES, PAGES, article, page_file, prose_text, soup
from playbook import translations

EN_CHANNELS = """# Channels

We reply within {{ company.sla.email_reply_hours }}.

## Email {#email-response}

Write to {{ company.contacts.support_email }}.

## Phone {#phone-service-level}

Answer within {{ company.sla.phone_rings }}.
"""
PL_CHANNELS = """# Kanały

Odpowiadamy w ciągu {{ company.sla.email_reply_hours | genitive }}.

## E-mail {#email-response}

Pisz na {{ company.contacts.support_email }}.

## Telefon {#phone-service-level}

Odbieramy najpóźniej po {{ company.sla.phone_rings | locative }}.
"""
NAV = ["index.md", "channels.md", "changelog.md"]


def fixture_docs(root, **changes):
    """English index and channels, Polish and Italian translations recorded as up to date."""
    pages = {
        "en/index.md": "# Home\n\nWelcome.\n\n## Start {#start}\n\nRead on.\n",
        "en/channels.md": EN_CHANNELS,
        "pl/index.md": "# Start\n\nWitamy.\n\n## Początek {#start}\n\nCzytaj dalej.\n",
        "pl/channels.md": PL_CHANNELS,
        "it/index.md": "# Inizio\n\nBenvenuti.\n\n## Inizio {#start}\n\nContinua.\n",
        "en/changelog.md": "# Changelog\n",
        "pl/changelog.md": "# Rejestr zmian\n",
    }
    for page, text in list(pages.items()):
        if not page.startswith("en/"):
            english = pages["en/" + page.split("/", 1)[1]]
            pages[page] = translations.with_hash(text, translations.source_hash(english))
        else:
            pages[page] = REVIEWED + text  # every English page names its owner and last review
    pages.update(changes)
    return write_docs(root / "docs", {k: v for k, v in pages.items() if v is not None})


def build(tmp_path, docs):
    return build_site(tmp_path / "site", docs, nav=NAV)


# Parity: one test per kind of drift, each asserting its message.

def test_parity_catches_a_page_that_exists_only_in_a_translation(tmp_path):
    docs = fixture_docs(tmp_path, **{"pl/extra.md": "# Dodatkowa\n"})
    with pytest.raises(BuildFailed) as error:
        build(tmp_path, docs)
    assert "pl: docs/pl/extra.md exists only in this translation; there is no docs/en/extra.md" in str(error.value)


def test_parity_catches_a_removed_heading(tmp_path):
    docs = fixture_docs(tmp_path, **{"pl/channels.md": PL_CHANNELS.replace("## Telefon {#phone-service-level}\n", "")})
    with pytest.raises(BuildFailed) as error:
        build(tmp_path, docs)
    assert "pl: docs/pl/channels.md: section ids differ from docs/en/channels.md: missing #phone-service-level." in str(error.value)


def test_parity_catches_a_changed_id(tmp_path):
    docs = fixture_docs(tmp_path, **{"pl/channels.md": PL_CHANNELS.replace("{#email-response}", "{#e-mail}")})
    with pytest.raises(BuildFailed) as error:
        build(tmp_path, docs)
    assert ("pl: docs/pl/channels.md: section ids differ from docs/en/channels.md: "
            "missing #email-response; not in English #e-mail.") in str(error.value)


def test_parity_catches_headings_in_another_order(tmp_path):
    swapped = "# Kanały\n\n## Telefon {#phone-service-level}\n\n## E-mail {#email-response}\n"
    docs = fixture_docs(tmp_path, **{"pl/channels.md": swapped + "{{ company.sla.email_reply_hours }} {{ company.contacts.support_email }} {{ company.sla.phone_rings }}\n"})
    with pytest.raises(BuildFailed, match="order differs: English has email-response, phone-service-level"):
        build(tmp_path, docs)


def test_parity_catches_a_variable_missing_in_one_language(tmp_path):
    docs = fixture_docs(tmp_path, **{"pl/channels.md": PL_CHANNELS.replace("{{ company.contacts.support_email }}", "support@example.com")})
    with pytest.raises(BuildFailed) as error:
        build(tmp_path, docs)
    assert ("pl: docs/pl/channels.md: variables differ from docs/en/channels.md: "
            "missing {{ company.contacts.support_email }}.") in str(error.value)


# Notices.

def test_missing_translation_is_served_from_english_with_a_notice_in_the_readers_language(tmp_path):
    site = build(tmp_path, fixture_docs(tmp_path))
    italian = soup(site / "it" / "channels" / "index.html")
    notice = italian.select_one(".playbook-translation-notice")
    assert notice["data-translation-state"] == "missing"
    assert "Non ancora tradotta" in notice.get_text()
    assert "Write to support@brightwater.example" in prose_text(italian.select_one("article"))
    assert italian.html["lang"] == "it"
    # The language switcher still leads to the same page in every language.
    links = {a["hreflang"]: a["href"] for a in italian.select("a[hreflang]") if a.get("hreflang")}
    assert links["pl"] == "../../pl/channels/" and links["en"] == "../../channels/"
    # A translated page and the English page carry no notice.
    assert soup(site / "pl" / "channels" / "index.html").select_one(".playbook-translation-notice") is None
    assert soup(site / "channels" / "index.html").select_one(".playbook-translation-notice") is None


def test_status_table_lists_the_missing_translation(tmp_path):
    docs = fixture_docs(tmp_path)
    result = run_translations("status", docs=docs)
    lines = {line.split()[0]: line.split() for line in result.stdout.splitlines()[2:] if line.strip() and not line[0].isdigit()}
    assert lines["channels"][1:3] == ["missing", "missing"]  # it, sl
    assert "up to date" in result.stdout and result.stdout.rstrip().endswith("missing")


def run_translations(*args, docs):
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "translations.py"), "--docs", str(docs), *args],
        capture_output=True, text=True, check=False,
    )


def test_out_of_date_notice_appears_when_english_changes_and_goes_once_marked(tmp_path):
    docs = fixture_docs(tmp_path)
    assert soup(build(tmp_path, docs) / "pl" / "channels" / "index.html").select_one(".playbook-translation-notice") is None

    english = docs / "en" / "channels.md"
    english.write_text(REVIEWED + EN_CHANNELS.replace("Answer within", "Always answer within"), encoding="utf-8")
    pl = soup(build(tmp_path, docs) / "pl" / "channels" / "index.html")
    notice = pl.select_one(".playbook-translation-notice")
    assert notice["data-translation-state"] == "out-of-date"
    assert "To tłumaczenie może być nieaktualne" in notice.get_text()
    assert notice.select_one("a[hreflang=en]")["href"] == "../../channels/"
    assert "out of date" in run_translations("status", docs=docs).stdout

    marked = run_translations("mark", "pl/channels", docs=docs)
    assert marked.returncode == 0, marked.stderr
    assert "docs/pl/channels.md: up to date with docs/en/channels.md" in marked.stdout
    assert soup(build(tmp_path, docs) / "pl" / "channels" / "index.html").select_one(".playbook-translation-notice") is None


def test_marking_an_unknown_language_or_page_says_how(tmp_path):
    docs = fixture_docs(tmp_path)
    wrong_language = run_translations("mark", "xx/channels", docs=docs)
    assert wrong_language.returncode == 2
    assert "'xx/channels': 'xx' is not a translation language; use one of it, sl, nb, pt, pl" in wrong_language.stderr
    missing_page = run_translations("mark", "it/channels", docs=docs)
    assert missing_page.returncode == 2 and "docs/it/channels.md does not exist; translate it first." in missing_page.stderr


def test_each_language_gets_its_own_404(tmp_path):
    site = build(tmp_path, fixture_docs(tmp_path))
    root = soup(site / "404.html")
    assert root.html["lang"] == "en" and root.h1.get_text() == "Page not found"
    polish = soup(site / "pl" / "404.html")
    assert polish.html["lang"] == "pl" and polish.h1.get_text() == "Nie znaleziono strony"
    assert polish.select_one("article a")["href"] == "/pl/"
    nav_titles = [a.get_text(strip=True) for a in polish.select("nav.md-nav--primary a.md-nav__link")]
    assert "Kanały" in nav_titles
    for language in LANGUAGES[1:]:
        assert soup(site / language / "404.html").html["lang"] == language


# Interface text table.

def test_interface_table_entry_missing_a_language_fails(tmp_path):
    from playbook import interface
    from playbook.errors import PlaybookError

    with pytest.raises(PlaybookError, match=r"overrides/interface.yml: 'banner' has no text for sl, pl\."):
        interface.load_table("banner:\n  en: a\n  it: b\n  nb: c\n  pt: d\n", LANGUAGES, "overrides/interface.yml")
    texts = interface.load_table("banner:\n" + "".join(f"  {c}: x\n" for c in LANGUAGES), LANGUAGES, "t.yml")
    with pytest.raises(PlaybookError, match="t.yml: there is no interface text 'nope'"):
        texts["pl"].nope


def test_real_interface_table_is_complete():
    from playbook import interface

    table = interface.load_table((REPO / "overrides" / "interface.yml").read_text(encoding="utf-8"), LANGUAGES, "x")
    assert set(table) == set(LANGUAGES)


# The real site.

def test_real_site_is_complete_and_up_to_date_in_every_language():
    for language in LANGUAGES:
        assert {p.stem for p in (REPO / "docs" / language).glob("*.md")} == set(PAGES), language
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "translations.py"), "status"],
                            capture_output=True, text=True, check=True)
    assert "out of date" not in result.stdout.split("\n\n")[0]
    assert "missing" not in result.stdout.split("\n\n")[0]
    assert result.stdout.strip().endswith(f"{len(PAGES) * 5} up to date, 0 out of date, 0 missing")


def test_real_pages_carry_their_language_and_no_notice(real_site):
    for language in LANGUAGES:
        for page in PAGES:
            html = soup(page_file(real_site, page, language))
            assert html.html["lang"] == language, (language, page)
            assert html.select_one(".playbook-translation-notice") is None, (language, page)


ENGLISH_WORDS = {"the", "and", "of", "with", "is", "are", "you", "your", "our", "this", "that", "will", "from", "have", "not"}


def test_translated_pages_carry_no_english_body_text(real_site):
    for language in LANGUAGES[1:]:
        for page in PAGES:
            words = prose_text(article(page_file(real_site, page, language))).lower().split()
            english = [w for w in words if w.strip(".,:;()") in ENGLISH_WORDS]
            assert len(english) <= max(2, len(words) // 200), (language, page, english[:10])
