"""Each bad input fails the build with a message naming the file and the fix."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, BuildFailed, build_site
from html_pages import page_file, soup


def break_page(docs, page, old, new):
    """Change an English page; translations are dropped so that parity stays out of the way."""
    for folder in docs.iterdir():
        if folder.name != "en":
            shutil.rmtree(folder)
    path = docs / "en" / f"{page}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1  # the line of the change


def test_unknown_variable_fails_naming_file_line_and_nearest(fixture_docs, tmp_path):
    line = break_page(fixture_docs, "channels", "{{ company.sla.email_reply_hours }}", "{{ company.sla.email_reply_hour }}")
    with pytest.raises(BuildFailed) as error:
        build_site(tmp_path / "site", fixture_docs)
    assert f"docs/en/channels.md:{line}: unknown variable 'company.sla.email_reply_hour'" in str(error.value)
    assert "Did you mean 'company.sla.email_reply_hours'?" in str(error.value)


def test_malformed_company_fails_naming_the_key(tmp_path):
    from mkdocs.config import load_config

    extra = dict(load_config(config_file=str(REPO / "mkdocs.yml")).extra)
    extra["company"] = dict(extra["company"], sla=["24 hours"])
    with pytest.raises(BuildFailed, match=r"mkdocs.yml:\d+: extra.company.sla must be text, a number or a date, got a list"):
        build_site(tmp_path / "site", extra=extra)


def test_missing_heading_id_fails_naming_file_and_line(fixture_docs, tmp_path):
    line = break_page(fixture_docs, "complaints", " {#complaint-acknowledgement}", "")
    with pytest.raises(BuildFailed) as error:
        build_site(tmp_path / "site", fixture_docs)
    assert re.search(rf"docs/en/complaints.md:{line}: the heading '[^']+' has no id", str(error.value))


def test_duplicate_heading_id_fails_naming_both_places(fixture_docs, tmp_path):
    line = break_page(fixture_docs, "complaints", "{#complaint-acknowledgement}", "{#email-response}")
    with pytest.raises(BuildFailed) as error:
        build_site(tmp_path / "site", fixture_docs)
    assert re.search(
        rf"docs/en/complaints.md:{line}: the id 'email-response' is already used at docs/en/channels.md:\d+",
        str(error.value),
    )


def test_the_cli_build_exits_non_zero_with_the_message_and_writes_nothing(fixture_docs, tmp_path):
    break_page(fixture_docs, "faq", "{#faq-owner}", "")
    site = tmp_path / "site"
    # mkdocs resolves docs_dir from the config file, so run it on a copy of the project.
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "hooks", "overrides"):
        os.symlink(REPO / name, project / name)
    os.symlink(fixture_docs, project / "docs")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0
    assert "docs/en/faq.md:" in result.stderr and "has no id" in result.stderr
    assert not site.exists()


def test_indexing_switch_drops_noindex_and_opens_robots(tmp_path):
    from mkdocs.config import load_config

    extra = dict(load_config(config_file=str(REPO / "mkdocs.yml")).extra, allow_indexing=True)
    site = build_site(tmp_path / "site", extra=extra)
    assert soup(page_file(site, "channels")).find("meta", attrs={"name": "robots"}) is None
    assert (site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"


# Bad bytes and bad front matter: a message naming the file and the line,
# never a traceback, and no site. Built with the mkdocs command, as an editor would.

import cli_build  # noqa: E402


def replace_in(path, old, new) -> int:
    """Replace ``old`` in a file (bytes); returns the line of the change."""
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))
    return data[: data.index(old)].count(b"\n") + 1


@pytest.mark.parametrize("relative, old", [
    ("docs/en/faq.md", "Short answers".encode()),
    ("docs/pl/faq.md", "Najczęściej".encode()),
    ("overrides/interface.yml", b"Not translated yet"),
    ("changes/2026-11-first-release.yml", b"First release"),
])
def test_bytes_that_are_not_utf8_name_the_file_and_line(tmp_path, relative, old):
    root = cli_build.project(tmp_path / "project", copied=(relative.split("/")[0],))
    line = replace_in(root / relative, old, old + b" caf\xe9")  # Latin-1 "café"
    cli_build.assert_refused(root, cli_build.build(root),
                             f"{relative}:{line}: the byte 0xe9 is not UTF-8 text (the file was probably saved in another "
                             "encoding, such as Latin-1 or Windows-1252). Save the file as UTF-8 in your editor.")


@pytest.mark.parametrize("relative, front_matter, line, problem", [
    # The parser notices an unclosed list where the file goes on, at the closing "---".
    ("docs/pl/faq.md", "source_hash: [unclosed\n", 3,
     "not valid YAML (did not find expected ',' or ']' while parsing a flow sequence, from line 2)"),
    ("docs/en/faq.md", "title: [unclosed\n", 3, "not valid YAML (did not find expected ',' or ']'"),
    ("docs/en/faq.md", "title: Questions\n  search: exclude: true\n", 3,
     "not valid YAML (mapping values are not allowed in this context). Check the indentation and quoting."),
    ("docs/pl/faq.md", "source_hash: !!python/object/apply:os.system ['touch PWNED']\n", 2,
     "not valid here (could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'); "
     "only text, numbers, dates, lists and mappings are. Remove the tag"),
    ("docs/en/faq.md", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n", 3,
     "the YAML alias *a repeats another value; aliases are not allowed here. Write the value out in full."),
    ("docs/en/faq.md", 'title: "Questions\\x07"\n', 2, "the text 'Questions\\x07' contains the character U+0007"),
])
def test_bad_front_matter_names_the_page_and_line(tmp_path, relative, front_matter, line, problem):
    root = cli_build.project(tmp_path / "project", copied=("docs",))
    page = root / relative
    text = page.read_text(encoding="utf-8")
    if text.startswith("---\n"):  # a translation: its source_hash line is replaced
        text = "---\n" + front_matter + text[text.index("\n---\n") + 1:]
    else:
        text = "---\n" + front_matter + "---\n\n" + text
    page.write_text(text, encoding="utf-8")
    cli_build.assert_refused(root, cli_build.build(root), f"{relative}:{line}: {problem}")
    assert not (root / "PWNED").exists() and not (tmp_path / "PWNED").exists()


def test_a_typo_in_a_variable_on_an_english_page_is_reported_as_unknown_not_as_translations_out_of_step(tmp_path):
    root = cli_build.project(tmp_path / "project", copied=("docs",))
    line = replace_in(root / "docs" / "en" / "channels.md", b"{{ company.sla.email_reply_hours }}",
                      b"{{ company.sla.email_reply_hour }}")
    result = cli_build.build(root)
    cli_build.assert_refused(root, result, f"docs/en/channels.md:{line}: unknown variable 'company.sla.email_reply_hour'. "
                                           "Did you mean 'company.sla.email_reply_hours'?")
    assert "out of step" not in result.stderr


def test_a_typo_in_a_variable_on_a_translation_is_reported_at_the_translation(tmp_path):
    root = cli_build.project(tmp_path / "project", copied=("docs",))
    line = replace_in(root / "docs" / "pl" / "channels.md", b"{{ company.sla.email_reply_hours | genitive }}",
                      b"{{ company.sla.email_reply_hour | genitive }}")
    result = cli_build.build(root)
    cli_build.assert_refused(root, result, f"docs/pl/channels.md:{line}: unknown variable 'company.sla.email_reply_hour'.")
    assert "out of step" not in result.stderr
