"""Short links, page redirects and the inventory in a real build."""

from __future__ import annotations

import json
import re

import pytest

from conftest import REPO, BuildFailed, build_site
from html_pages import LANGUAGES, soup


def redirect_target(path):
    script = soup(path).find("script").string
    return json.loads(re.search(r"location\.replace\((\"[^\"]*\")", script).group(1))


def test_every_section_and_page_has_a_short_link_in_every_language(real_site):
    found = json.loads((real_site / "inventory.json").read_text())
    assert found["languages"] == LANGUAGES
    for url, ids in found["pages"].items():
        language = url.split("/")[0] if url.split("/")[0] in LANGUAGES[1:] else "en"
        folder = real_site / ("" if language == "en" else language) / "go"
        for section in ids:
            short = folder / section / "index.html"
            target = (short.parent / redirect_target(short).split("#")[0]).resolve()
            assert redirect_target(short).endswith(f"#{section}"), short
            assert target / "index.html" == (real_site / url / "index.html").resolve(), (short, url)
            assert soup(target / "index.html").find(id=section) is not None, (short, section)
    assert redirect_target(real_site / "pl" / "go" / "complaints" / "index.html") == "../../complaints/"
    assert redirect_target(real_site / "go" / "index" / "index.html") == "../../"


def test_short_link_pages_carry_noindex_and_the_language(real_site):
    page = soup(real_site / "sl" / "go" / "complaint-channels" / "index.html")
    assert page.html["lang"] == "sl"
    assert "noindex" in page.find("meta", attrs={"name": "robots"})["content"]


def real_extra():
    from mkdocs.utils.yaml import yaml_load

    with open(REPO / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml_load(handle)["extra"]


def test_a_moved_page_forwards_and_keeps_the_section(tmp_path):
    extra = real_extra()
    extra["redirects"] = {"pages": {"questions": "faq", "policy/scope": "scope"}, "sections": {}}
    site = build_site(tmp_path / "site", extra=extra)
    stub = site / "pl" / "questions" / "index.html"
    assert redirect_target(stub) == "../faq/"
    assert "location.hash" in soup(stub).find("script").string
    assert redirect_target(site / "policy" / "scope" / "index.html") == "../../scope/"


def test_a_redirect_to_nowhere_fails_the_build_with_the_fix(tmp_path):
    extra = real_extra()
    extra["redirects"] = {"sections": {"old-channels": "complaint-chanels"}}
    with pytest.raises(BuildFailed) as error:
        build_site(tmp_path / "site", extra=extra)
    assert ("mkdocs.yml: extra.redirects.sections: 'old-channels' redirects to 'complaint-chanels', which is not a "
            "section id of the site. Did you mean 'complaint-channels'?") in str(error.value)


def test_a_rebuild_in_the_same_process_sees_edited_sources(fixture_docs, tmp_path):
    """What the hooks work out once per build (sources, checks, inventory) is
    kept on that build's config: the next build, as under make serve, starts afresh."""
    first = build_site(tmp_path / "first", docs_dir=fixture_docs)
    for page in fixture_docs.glob("*/faq.md"):
        page.write_text(page.read_text(encoding="utf-8") + "\n## Rebuilt {#rebuild-check}\n\nNew.\n", encoding="utf-8")
    second = build_site(tmp_path / "second", docs_dir=fixture_docs)
    before = json.loads((first / "inventory.json").read_text(encoding="utf-8"))
    after = json.loads((second / "inventory.json").read_text(encoding="utf-8"))
    assert "rebuild-check" not in before["pages"]["faq/"]
    assert after["pages"]["faq/"][-1] == after["pages"]["pl/faq/"][-1] == "rebuild-check"
    assert (second / "pl" / "go" / "rebuild-check" / "index.html").is_file()


# Hostile old names in extra.redirects, as an editor could write them in mkdocs.yml.

import cli_build  # noqa: E402
from playbook.errors import PlaybookError  # noqa: E402

EMPTY_PAGES = "    pages: {}      # old-page: new-page\n"
EMPTY_SECTIONS = "    sections: {}   # old-section-id: new-section-id\n"


def with_redirects(pages: str = "", sections: str = "") -> str:
    """The real mkdocs.yml with ``pages`` (and ``sections``) lines under extra.redirects."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert EMPTY_PAGES in text and EMPTY_SECTIONS in text
    if pages:
        text = text.replace(EMPTY_PAGES, "    pages:\n" + pages)
    if sections:
        text = text.replace(EMPTY_SECTIONS, "    sections:\n" + sections)
    return text


ABSOLUTE = "<tmp>/abs-redirect"  # replaced by a path in the test's own folder


@pytest.mark.parametrize("old, problem", [
    ("", "is empty. Write the old page's name as under docs/en/ without .md"),
    (".", "has a '.' or '..' part, which would lead out of the site"),
    ("..", "has a '.' or '..' part"),
    ("../../escaped", "has a '.' or '..' part"),
    ("policy/../channels", "has a '.' or '..' part"),
    (ABSOLUTE, "starts with '/'. Write it relative to docs/en/"),
    ("/questions", "starts with '/'"),
    ("questions/", "ends with '/'. Write it without the '/', as 'questions'"),
    ("questions/index", "ends with '/index'. Write it as 'questions', which is the same address"),
    ("channels/", "is the address of the page 'channels', which still exists, so it cannot redirect"),
    ("channels/index", "is the address of the page 'channels', which still exists"),
    ("channels", "is the address of the page 'channels', which still exists"),
    ("policy\\scope", "has a backslash. Separate folders with '/'"),
    ("C:\\policy", "has a backslash"),
    ("Old Questions", "has characters a page name cannot have"),
    ("questions?x=<b>", "has characters a page name cannot have"),
    ("go/email-response", "would be written over the short links /go/…/"),
    ("go", "would be written over the short links /go/…/"),
    ("assets/playbook.js", "would be written over 'assets', which the site's own files use"),
    ("feed.xml", "would be written over 'feed.xml', which the build writes"),
    ("search/search_index.json", "would be written over 'search', which the build writes"),
    ("pl", "would be written over 'pl/', the folder of the language pl"),
    ("pl/channels", "would be written over 'pl/', the folder of the language pl"),
])
def test_a_hostile_old_page_name_fails_the_build_at_its_line(tmp_path, old, problem):
    old = old.replace("<tmp>", str(tmp_path))
    config = with_redirects(pages=f"      {json.dumps(old)}: scope\n")
    root = cli_build.project(tmp_path / "project", mkdocs_yml=config)
    result = cli_build.build(root)
    line = cli_build.line_of(config, f"      {json.dumps(old)}: scope")
    cli_build.assert_refused(root, result, f"mkdocs.yml:{line}: extra.redirects.pages: the old page {old!r} {problem}")
    # Nothing was written anywhere, inside the project or beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]
    assert sorted(p.name for p in root.iterdir()) == sorted([*cli_build.PARTS, "mkdocs.yml"])


def test_every_name_at_the_root_of_a_build_is_refused_as_an_old_page(real_site, tmp_path):
    """Whatever the build writes besides pages (assets, feeds, JSON, sitemaps,
    language folders, short links; and whatever is added later) cannot be
    taken over by a redirect."""
    found = json.loads((real_site / "inventory.json").read_text())
    pages = {url.split("/")[0] for url in found["pages"]} - set(found["languages"])
    others = sorted(entry.name for entry in real_site.iterdir() if entry.name not in pages | {"index.html"})
    assert {"assets", "feed.xml", "inventory.json", "404.html", "sitemap.xml", "go", "pl"} <= set(others)
    for name in others:
        root = cli_build.project(tmp_path / name, mkdocs_yml=with_redirects(pages=f"      {json.dumps(name)}: scope\n"))
        cli_build.assert_refused(root, cli_build.build(root), f"the old page {name!r} would be written over")


def test_a_redirect_given_twice_is_refused_at_its_second_line(tmp_path):
    config = with_redirects(pages="      questions: faq\n      old-scope: scope\n      questions: scope\n")
    root = cli_build.project(tmp_path / "project", mkdocs_yml=config)
    line = config.index("      questions: scope")
    cli_build.assert_refused(root, cli_build.build(root), f"mkdocs.yml:{config[:line].count(chr(10)) + 1}: "
                             "extra.redirects.pages: 'questions' is given twice, and only the last would count. "
                             "Keep one of the lines.")


@pytest.mark.parametrize("old, problem", [
    ("Email Response", "is not a section id: write it in lowercase kebab-case"),
    ("x\"><img src=x onerror=alert(9)>", "is not a section id"),
    ("email-response", "still exists, so it cannot redirect to 'phone-service-level'"),
])
def test_a_hostile_old_section_id_fails_the_build_at_its_line(tmp_path, old, problem):
    config = with_redirects(sections=f"      {json.dumps(old)}: phone-service-level\n")
    root = cli_build.project(tmp_path / "project", mkdocs_yml=config)
    line = cli_build.line_of(config, f"      {json.dumps(old)}: phone-service-level")
    cli_build.assert_refused(root, cli_build.build(root),
                             f"mkdocs.yml:{line}: extra.redirects.sections: the old section id {old!r} {problem}")


def test_a_good_redirect_declared_in_mkdocs_yml_still_forwards(tmp_path):
    config = with_redirects(pages="      questions: faq\n      policy/old-scope: scope\n")
    site = build_site(tmp_path / "site", config_file=cli_build.project(tmp_path / "project", mkdocs_yml=config) / "mkdocs.yml")
    assert redirect_target(site / "questions" / "index.html") == "../faq/"
    assert redirect_target(site / "pl" / "policy" / "old-scope" / "index.html") == "../../scope/"
    assert soup(site / "channels" / "index.html").find(id="email-response") is not None


@pytest.mark.parametrize("relative", ["", ".", "..", "../outside.html", "a/../../outside.html", "/tmp/outside.html"])
def test_the_hooks_cannot_write_outside_the_site(tmp_path, relative):
    import site_context

    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(PlaybookError, match="outside the site folder. Nothing was written there"):
        site_context.write_inside_site(str(site), relative, "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"] and not any(site.iterdir())


def test_a_file_in_the_way_of_a_hook_write_is_an_error_not_a_traceback(tmp_path):
    import site_context

    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "playbook.js").write_text("kept")
    with pytest.raises(PlaybookError, match="could not write 'assets/playbook.js/index.html'"):
        site_context.write_inside_site(str(tmp_path), "assets/playbook.js/index.html", "x")
    assert (tmp_path / "assets" / "playbook.js").read_text() == "kept"
    written = site_context.write_inside_site(str(tmp_path), "go/a/b/index.html", "é")
    assert open(written, encoding="utf-8").read() == "é"
