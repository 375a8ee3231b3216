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
