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
