"""Publishing with real git and real mike in a temporary repository
(scripts/publish.py, as `make publish` / `make unpublish` run it)."""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import assert_no_address_leaves_the_site, commit, export_branch, git, publish, published, raw_get
from html_pages import LANGUAGES, soup

BRANCH = "gh-pages"


def versions_json(repo):
    return json.loads(git(repo, "show", f"{BRANCH}:versions.json"))


def tree_id(repo, path):
    return git(repo, "rev-parse", f"{BRANCH}:{path}").strip()


def branch_files(repo):
    return set(git(repo, "ls-tree", "-r", "--name-only", BRANCH).split())


@pytest.fixture
def repo(published_repo, tmp_path):
    """A copy of the published repository that a test may change."""
    return shutil.copytree(published_repo, tmp_path / "repo", symlinks=True)


def test_every_language_of_every_version_is_on_the_branch(published_repo):
    files = branch_files(published_repo)
    for version in ("1.0", "2.0", "3.0", "pr-7"):
        for language in LANGUAGES:
            folder = f"{version}/" if language == "en" else f"{version}/{language}/"
            assert f"{folder}index.html" in files
            assert f"{folder}complaints/index.html" in files
            assert f"{folder}404.html" in files, "each language keeps its own 404 in each version"
        assert f"{version}/inventory.json" in files
        assert f"{version}/search/search_index.json" in files
    assert f"2.0/pl/glossary/index.html" in files and "1.0/pl/glossary/index.html" not in files


def test_versions_json_aliases_and_the_default_redirect(published_repo):
    versions = versions_json(published_repo)
    assert [v["version"] for v in versions] == ["pr-7", "3.0", "2.0", "1.0"]
    assert [v["aliases"] for v in versions] == [[], ["latest"], [], []]
    assert versions[0]["properties"] == {"kind": "preview", "hidden": True}
    assert all(v["properties"] == {"kind": "release"} for v in versions[1:])
    # latest is an alias of 3.0: a symbolic link on the branch.
    mode, kind, target = git(published_repo, "ls-tree", BRANCH, "latest").split()[:3]
    assert mode == "120000" and git(published_repo, "cat-file", "-p", target) == "3.0"
    redirect = git(published_repo, "show", f"{BRANCH}:index.html")
    assert 'window.location.replace(\n      "latest/" + window.location.search' in redirect
    root_404 = git(published_repo, "show", f"{BRANCH}:404.html")
    assert '"latest": "latest"' in root_404 and '"pl"' in root_404


def test_canonical_links_point_to_the_same_page_and_language_in_latest(published_repo, tmp_path):
    git(published_repo, "worktree", "add", "-q", str(tmp_path / "pages"), BRANCH)
    try:
        page = soup(tmp_path / "pages" / "1.0" / "pl" / "complaints" / "index.html")
        assert page.select_one("link[rel=canonical]")["href"] == "https://playbook.brightwater.example/latest/pl/complaints/"
        home = soup(tmp_path / "pages" / "2.0" / "index.html")
        assert home.select_one("link[rel=canonical]")["href"] == "https://playbook.brightwater.example/latest/"
    finally:
        git(published_repo, "worktree", "remove", "--force", str(tmp_path / "pages"))


def test_a_release_records_what_it_shipped_and_a_preview_does_not(published_repo):
    release = json.loads(git(published_repo, "show", f"{BRANCH}:1.0/changelog.json"))
    assert release["version"] == "1.0" and release["entries"]
    preview = json.loads(git(published_repo, "show", f"{BRANCH}:pr-7/changelog.json"))
    assert preview["version"] is None


def test_republishing_a_version_replaces_only_that_version(repo):
    others = {v: tree_id(repo, v) for v in ("1.0", "2.0", "pr-7")}
    before = tree_id(repo, "3.0")
    published(repo, "deploy", "3.0", "--force")
    assert {v: tree_id(repo, v) for v in others} == others, "other versions are byte-identical"
    assert tree_id(repo, "3.0") == before, "the same tree again: publishing is idempotent"
    assert [v["version"] for v in versions_json(repo)] == ["pr-7", "3.0", "2.0", "1.0"]


def test_publishing_a_new_latest_moves_the_alias_and_keeps_every_other_file(repo):
    before = {path: git(repo, "rev-parse", f"{BRANCH}:{path}").strip()
              for path in branch_files(repo) if not path.startswith("latest") and path not in ("versions.json",)}
    (repo / "docs" / "en" / "faq.md").write_text((repo / "docs" / "en" / "faq.md").read_text() + "\nOne more line.\n")
    commit(repo, "FAQ")
    published(repo, "deploy", "4.0")
    after = {path: git(repo, "rev-parse", f"{BRANCH}:{path}").strip() for path in before}
    assert after == before
    versions = versions_json(repo)
    assert next(v for v in versions if v["version"] == "4.0")["aliases"] == ["latest"]
    assert next(v for v in versions if v["version"] == "3.0")["aliases"] == []


def test_unpublish_removes_exactly_one_version(repo):
    kept = {v: tree_id(repo, v) for v in ("1.0", "3.0", "pr-7")}
    published(repo, "delete", "2.0")
    assert [v["version"] for v in versions_json(repo)] == ["pr-7", "3.0", "1.0"]
    assert not any(path.startswith("2.0/") for path in branch_files(repo))
    assert {v: tree_id(repo, v) for v in kept} == kept


def test_unpublish_refuses_the_version_latest_points_at(repo):
    head = git(repo, "rev-parse", BRANCH)
    result = publish(repo, "delete", "3.0")
    assert result.returncode == 1
    assert "'3.0' is what 'latest' points at" in result.stderr
    assert "Publish a newer version first" in result.stderr
    assert git(repo, "rev-parse", BRANCH) == head


def test_unpublish_names_the_published_versions_when_asked_for_an_unknown_one(repo):
    result = publish(repo, "delete", "9.9")
    assert result.returncode == 1
    assert "there is no published version '9.9' on gh-pages (published: pr-7, 3.0, 2.0, 1.0)" in result.stderr


def test_a_failed_build_publishes_nothing(repo):
    head = git(repo, "rev-parse", BRANCH)
    page = repo / "docs" / "en" / "channels.md"
    page.write_text(page.read_text() + "\nCall {{ company.contacts.support_fone }}.\n")
    commit(repo, "A typo")
    result = publish(repo, "deploy", "4.0")
    assert result.returncode == 1
    assert "docs/en/channels.md" in result.stderr and "support_fone" in result.stderr
    assert "nothing was published: branch gh-pages is unchanged" in result.stderr
    assert git(repo, "rev-parse", BRANCH) == head
    assert "4.0" not in [v["version"] for v in versions_json(repo)]


@pytest.mark.parametrize("args, message", [
    (["deploy", "../1.0"], "'../1.0' is not a usable version name"),
    (["deploy", "2026 11"], "'2026 11' is not a usable version name"),
    (["deploy", "pl"], "'pl' is reserved"),
    (["deploy", "latest"], "'latest' is reserved"),
    (["deploy", "5.0", "--alias", "a/b"], "'a/b' is not a usable version name"),
    (["deploy", "pr-8", "--alias", "latest", "--kind", "preview"], "a preview is never 'latest'"),
])
def test_bad_names_are_refused_before_anything_is_built(repo, args, message):
    head = git(repo, "rev-parse", BRANCH)
    result = publish(repo, *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert git(repo, "rev-parse", BRANCH) == head


def test_closing_a_pull_request_without_a_preview_removes_nothing(repo):
    head = git(repo, "rev-parse", BRANCH)
    result = publish(repo, "delete", "pr-99", "--missing-ok")
    assert result.returncode == 0, result.stderr
    assert git(repo, "rev-parse", BRANCH) == head


def test_the_address_of_a_version_follows_site_url(repo, monkeypatch):
    assert publish(repo, "address", "pr-7").stdout.strip() == "https://playbook.brightwater.example/pr-7/"
    monkeypatch.setenv("SITE_URL", "https://intranet.example/playbook/")
    assert publish(repo, "address", "2.0").stdout.strip() == "https://intranet.example/playbook/2.0/"


@contextlib.contextmanager
def branch_server(repo):
    """`make preview`'s server (publish.py serve) on a free port; yields its address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, str(repo / "scripts" / "publish.py"), "serve", "--address",
                               f"127.0.0.1:{port}"], cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/versions.json")
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("mike serve did not answer")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_preview_serves_the_published_branch(repo):
    """`make preview`: mike serve on the branch, every version browsable."""
    with branch_server(repo) as url:
        body = urllib.request.urlopen(f"{url}/1.0/pl/complaints/").read().decode()
        assert '<html lang="pl"' in body
        versions = json.loads(urllib.request.urlopen(f"{url}/versions.json").read())
        assert [v["version"] for v in versions] == ["pr-7", "3.0", "2.0", "1.0"]
        # A missing address gets the branch's root 404 page, as on a static
        # host: it is what sends a short link at the root to latest.
        published_404 = subprocess.run(["git", "show", "gh-pages:404.html"], cwd=repo, capture_output=True,
                                       check=True).stdout
        for missing in ("/go/complaint-registration/", "/3.0/pl/no-such-page/"):
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(f"{url}{missing}")
            assert answer.value.code == 404
            assert answer.value.read() == published_404
            assert b"playbook-root-404" in published_404


def test_no_address_of_the_preview_reads_outside_the_published_branch(repo, tmp_path):
    published_404 = git(repo, "show", "gh-pages:404.html").encode()
    with branch_server(repo) as url:
        assert_no_address_leaves_the_site(url, tmp_path, not_found=published_404)
        assert raw_get(url, "/1.0/pl/complaints/")[0] == 200


def test_preview_before_anything_is_published_says_what_to_do(tmp_path):
    from conftest import project_repo

    result = publish(project_repo(tmp_path / "fresh"), "serve")
    assert result.returncode == 1
    assert "nothing is published on gh-pages yet: run make publish VERSION=<version> first" in result.stderr


def test_make_targets_call_the_publish_script():
    import subprocess

    from conftest import REPO

    def dry_run(*args):
        return subprocess.run(["make", "-n", "-o", ".venv/.installed", *args], cwd=REPO, capture_output=True,
                              text=True, check=True).stdout

    # The values travel in the environment (tests/test_publishing_safety.py runs them through make).
    assert ('publish.py deploy "$PUBLISH_VERSION" --alias "$PUBLISH_ALIAS" --kind "$PUBLISH_KIND" '
            '${PUBLISH_PUSH:+--push} ${PUBLISH_FORCE:+--force} ${PUBLISH_ALLOW_DIRTY:+--allow-dirty}'
            in dry_run("publish", "VERSION=2026.11"))
    assert 'publish.py delete "$PUBLISH_VERSION" ${PUBLISH_PUSH:+--push}' in dry_run("unpublish", "VERSION=2026.10")
    assert "publish.py serve" in dry_run("preview")


def test_every_page_of_every_version_has_the_selector_and_relative_language_links(published_repo, tmp_path):
    git(published_repo, "worktree", "add", "-q", str(tmp_path / "pages"), BRANCH)
    try:
        pages = [p for p in (tmp_path / "pages" / "1.0").rglob("index.html") if "/go/" not in p.as_posix()]
        assert len(pages) > 80
        for path in pages:
            html = soup(path)
            assert html.select_one("[data-playbook-versions]") is not None, path
            assert html.select_one("script#playbook-context") is not None, path
            links = [a["href"] for a in html.select("a[data-playbook-language]")]
            assert len(links) == len(LANGUAGES), path
            # Relative: they stay in the version being read (mike's site_url
            # rewriting made mkdocs-static-i18n's home links jump to latest).
            assert not any(link.startswith(("/", "http")) for link in links), (path, links)
    finally:
        git(published_repo, "worktree", "remove", "--force", str(tmp_path / "pages"))


def test_removing_a_section_id_without_a_redirect_fails_with_its_name(repo):
    from conftest import rename_section

    head = git(repo, "rev-parse", BRANCH)
    rename_section(repo, "complaint-acknowledgement", "complaint-receipt")
    commit(repo, "Rename without a redirect")
    result = publish(repo, "deploy", "4.0")
    assert result.returncode == 1
    assert "these addresses of the published version 3.0 would stop working:\n  - complaints/#complaint-acknowledgement" in result.stderr
    assert "mkdocs.yml under extra.redirects" in result.stderr
    assert git(repo, "rev-parse", BRANCH) == head
    check = subprocess_run(repo, "scripts/links_check.py")
    assert check.returncode == 1 and "complaints/#complaint-acknowledgement" in check.stderr


def test_the_same_rename_passes_with_a_redirect(repo):
    from conftest import declare_redirects, rename_section

    rename_section(repo, "complaint-acknowledgement", "complaint-receipt")
    declare_redirects(repo, "  redirects:\n    pages:\n      questions: faq\n    sections:\n"
                            "      complaint-logging: complaint-registration\n"
                            "      complaint-acknowledgement: complaint-receipt\n")
    commit(repo, "Rename with a redirect")
    assert subprocess_run(repo, "scripts/links_check.py").stdout.strip() == \
        "links: every page and section id of 3.0 still works."
    published(repo, "deploy", "4.0")
    assert versions_json(repo)[1]["version"] == "4.0"


@pytest.mark.parametrize("block, lost", [
    ("  redirects:\n    pages: {}\n    sections:\n      complaint-logging: complaint-registration\n", "  - questions/"),
    ("  redirects:\n    pages:\n      questions: faq\n    sections: {}\n", "  - #complaint-logging"),
])
def test_dropping_a_published_redirect_is_caught(repo, block, lost):
    from conftest import declare_redirects

    declare_redirects(repo, block)
    commit(repo, "Forget a redirect")
    result = subprocess_run(repo, "scripts/links_check.py")
    assert result.returncode == 1
    assert f"would stop working:\n{lost}\n" in result.stderr


def subprocess_run(repo, script, *args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, str(repo / script), *args], cwd=repo, capture_output=True, text=True)


def test_push_sends_the_branch_to_the_remote_and_starts_from_it(repo, tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "-q", "origin", BRANCH)
    # Someone else pushed to gh-pages meanwhile: the local branch is behind.
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", "--branch", BRANCH, str(remote), str(other))
    (other / "CNAME").write_text("playbook.brightwater.example\n")
    commit(other, "Custom domain")
    git(other, "push", "-q", "origin", BRANCH)
    result = publish(repo, "deploy", "4.0", "--push")
    assert result.returncode == 0, result.stderr
    assert git(repo, "rev-parse", BRANCH).strip() == git(repo, "ls-remote", "origin", BRANCH).split()[0]
    assert versions_json(repo)[1]["version"] == "4.0"
    assert "CNAME" in branch_files(repo), "the other commit is kept, not overwritten"


def test_every_file_on_the_published_branch_parses_in_every_version(published_repo, tmp_path):
    from site_outputs import counts, problems

    branch = export_branch(published_repo, tmp_path / "branch")
    assert problems(branch) == []
    versions = [v["version"] for v in json.loads((branch / "versions.json").read_text(encoding="utf-8"))]
    for version in versions:
        for language in ("", "pl/"):
            ElementTree.parse(branch / version / language / "feed.xml")
    assert counts(branch)[".xml"] >= 7 * len(versions)
