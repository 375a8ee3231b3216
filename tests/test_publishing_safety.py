"""Publishing under concurrency, signals and hostile input: real git, real
mike, real make, in copies of the published test repository (conftest's
``published_repo``: 1.0, 2.0, 3.0 as latest, the preview pr-7).

Every run here is bounded in time: a publish of the test playbook takes a
few seconds, and no wait is longer than a minute.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import GIT_IDENTITY, REPO, commit, git, publish, published
from html_pages import LANGUAGES

BRANCH = "gh-pages"
LOCK = Path(".git") / "playbook-publish.lock"
BOUND = 120  # seconds: the longest any publish here may take


@pytest.fixture
def repo(published_repo, tmp_path):
    return shutil.copytree(published_repo, tmp_path / "repo", symlinks=True)


def head(repo) -> str | None:
    found = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", BRANCH],
                           capture_output=True, text=True).stdout.strip()
    return found or None


def versions_json(repo, ref=BRANCH):
    return json.loads(git(repo, "show", f"{ref}:versions.json"))


def files_under(repo, folder, ref=BRANCH) -> set[str]:
    listed = git(repo, "ls-tree", "-r", "--name-only", ref, "--", folder).split("\n")
    return {path[len(folder) + 1:] for path in listed if path}


def start_publish(repo, tmp_path, name, *args, env=None, own_group=False) -> subprocess.Popen:
    """publish.py in the background; its output goes to files (a full pipe would stall it).
    ``own_group``: in a process group of its own, as make is in a terminal."""
    out = open(tmp_path / f"{name}.out", "w")
    err = open(tmp_path / f"{name}.err", "w")
    return subprocess.Popen([sys.executable, str(repo / "scripts" / "publish.py"), *args], cwd=repo,
                            stdout=out, stderr=err, env={**os.environ, **GIT_IDENTITY, **(env or {})},
                            start_new_session=own_group)


def stderr_of(tmp_path, name) -> str:
    return (tmp_path / f"{name}.err").read_text()


def processes_in(repo) -> dict[int, str]:
    """Processes working inside the repository (mike, mkdocs, git fast-import), by pid."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cwd = os.readlink(entry / "cwd")
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if cwd == str(repo) or cwd.startswith(f"{repo}/"):
            found[int(entry.name)] = command
    return found


def wait_until(condition, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def building(repo) -> bool:
    return any("mkdocs" in command and " build" in command for command in processes_in(repo).values())


def kill_leftovers(repo) -> dict[int, str]:
    """Stop what a test's publish left running (by pid), and say what it was."""
    left = processes_in(repo)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return left


def assert_unchanged_or_fully_published(repo, before: str, version: str) -> str:
    """gh-pages is where it was, or it has all of ``version`` as latest,
    the root files included; versions.json parses either way."""
    versions = versions_json(repo)  # parses
    if head(repo) == before:
        assert version not in [v["version"] for v in versions]
        return "unchanged"
    entry = next(v for v in versions if v["version"] == version)
    assert entry["aliases"] == ["latest"]
    assert files_under(repo, version) == files_under(repo, "3.0"), "the new version is complete"
    for language in LANGUAGES:
        folder = "" if language == "en" else f"{language}/"
        assert f"{folder}complaints/index.html" in files_under(repo, version)
    root = set(git(repo, "ls-tree", "--name-only", BRANCH).split())
    assert {"index.html", "404.html", "robots.txt", "versions.json"} <= root, "root files in the same publish"
    return "published"


def assert_no_run_left(repo):
    assert git(repo, "for-each-ref", "refs/heads/playbook-publish/") == ""
    assert not (repo / ".git" / "playbook-publish").exists()
    assert len(git(repo, "worktree", "list").splitlines()) == 1


# Finding 5: two publishes at once.

def test_two_publishes_at_once_both_complete_and_both_are_listed(repo, tmp_path):
    first = start_publish(repo, tmp_path, "a", "deploy", "4.0", "--alias", "")
    second = start_publish(repo, tmp_path, "b", "deploy", "5.0", "--alias", "")
    try:
        assert first.wait(timeout=BOUND) == 0, stderr_of(tmp_path, "a")
        assert second.wait(timeout=BOUND) == 0, stderr_of(tmp_path, "b")
    finally:
        kill_leftovers(repo)
    versions = versions_json(repo)
    assert {"4.0", "5.0", "3.0", "2.0", "1.0", "pr-7"} == {v["version"] for v in versions}
    assert files_under(repo, "4.0") == files_under(repo, "5.0") == files_under(repo, "3.0")
    assert next(v for v in versions if v["aliases"])["version"] == "3.0"
    assert_no_run_left(repo)


@pytest.mark.parametrize("args", [("deploy", "4.0"), ("delete", "2.0")])
def test_a_publish_waits_for_the_lock_a_bounded_time_then_refuses(repo, args):
    before = head(repo)
    with open(repo / LOCK, "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a running publish holds it
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(repo / "scripts" / "publish.py"), *args], cwd=repo,
                                capture_output=True, text=True, timeout=BOUND,
                                env={**os.environ, **GIT_IDENTITY, "PLAYBOOK_PUBLISH_WAIT": "1.5"})
        waited = time.monotonic() - started
    assert result.returncode == 1
    assert "another publish" in result.stderr and "is still running in this repository after 1.5 s" in result.stderr
    assert "PLAYBOOK_PUBLISH_WAIT=<seconds>" in result.stderr and "Traceback" not in result.stderr
    assert 1.5 <= waited < 30
    assert head(repo) == before


def test_a_branch_moved_by_something_else_during_the_build_is_left_as_it_is(repo, tmp_path):
    before = head(repo)
    run = start_publish(repo, tmp_path, "run", "deploy", "4.0")
    try:
        wait_until(lambda: building(repo), "the build to start")
        # Someone else commits to gh-pages meanwhile (not through make publish).
        tree = git(repo, "rev-parse", f"{BRANCH}^{{tree}}").strip()
        other = git(repo, "commit-tree", tree, "-p", before, "-m", "Someone else").strip()
        git(repo, "update-ref", f"refs/heads/{BRANCH}", other, before)
        assert run.wait(timeout=BOUND) == 1
    finally:
        kill_leftovers(repo)
    message = stderr_of(tmp_path, "run")
    assert f"gh-pages moved while this run was publishing (from {before[:12]} to {other[:12]})" in message
    assert "Nothing was published and gh-pages was left as it is: publish again." in message
    assert head(repo) == other
    assert "4.0" not in [v["version"] for v in versions_json(repo)]
    assert_no_run_left(repo)


# Finding 6: a stopped or killed publish.

@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=lambda s: s.name)
@pytest.mark.parametrize("point", ["building", "after-the-build"])
def test_a_stopped_publish_leaves_gh_pages_unchanged_or_fully_published(repo, tmp_path, stop, point):
    before = head(repo)
    run = start_publish(repo, tmp_path, "run", "deploy", "4.0")
    try:
        wait_until(lambda: building(repo), "the build to start")
        if point == "after-the-build":  # mike commits, then the root files, then gh-pages moves
            wait_until(lambda: not building(repo) or run.poll() is not None, "the build to end")
        run.send_signal(stop)
        status = run.wait(timeout=60)
        at_exit = head(repo)
        time.sleep(3)
        left = processes_in(repo)
    finally:
        kill_leftovers(repo)
    assert head(repo) == at_exit, "nothing publishes after the command ended"
    assert not left, f"still running after the publish ended: {left}"
    message = stderr_of(tmp_path, "run")
    if stop != signal.SIGKILL and status != 0:
        assert status == 128 + stop, message
        assert f"publish: stopped by {stop.name};" in message and "Traceback" not in message
    outcome = assert_unchanged_or_fully_published(repo, before, "4.0")
    if stop != signal.SIGKILL and status != 0:
        said = "nothing was published: branch gh-pages is unchanged" in message
        assert said == (outcome == "unchanged"), message
    # What a killed run left (its scratch branch and checkout) goes with the next run.
    published(repo, "deploy", "4.0", "--force")
    assert_unchanged_or_fully_published(repo, before, "4.0")
    assert_no_run_left(repo)


# What held in the review: SIGKILL to the whole process group (make and
# everything it started, as a closed terminal or a CI timeout does).

def git_locks_left(repo) -> list[str]:
    """Git's own lock files (index.lock, refs/heads/gh-pages.lock, ...); the
    publish lock is a flock on a file that stays, so it is not one of them."""
    return [str(path.relative_to(repo)) for path in (repo / ".git").rglob("*.lock") if path.name != LOCK.name]


@pytest.mark.parametrize("point", ["building", "after-the-build"])
def test_killing_the_whole_process_group_leaves_gh_pages_unchanged_or_fully_published(repo, tmp_path, point):
    before = head(repo)
    run = start_publish(repo, tmp_path, "run", "deploy", "4.0", own_group=True)
    try:
        wait_until(lambda: building(repo), "the build to start")
        if point == "after-the-build":
            wait_until(lambda: not building(repo) or run.poll() is not None, "the build to end")
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=60)
        time.sleep(1)
        left = processes_in(repo)
    finally:
        kill_leftovers(repo)
    assert not left, f"still running after the group was killed: {left}"
    assert_unchanged_or_fully_published(repo, before, "4.0")
    fsck = subprocess.run(["git", "-C", str(repo), "fsck", "--no-progress"], capture_output=True, text=True)
    assert fsck.returncode == 0, fsck.stdout + fsck.stderr
    assert git_locks_left(repo) == []
    # The next publish clears what the killed one left and publishes.
    published(repo, "deploy", "4.0", "--force")
    assert_unchanged_or_fully_published(repo, before, "4.0")
    assert_no_run_left(repo)


# Finding 7: re-publishing and latest.

def test_republishing_a_release_needs_force(repo):
    before = head(repo)
    for args in (["deploy", "3.0"], ["deploy", "2.0", "--alias", ""]):
        result = publish(repo, *args)
        assert result.returncode == 1
        version = args[1]
        assert f"{version} is already published (as a release)" in result.stderr
        assert f"run make publish VERSION={version} FORCE=1" in result.stderr
        assert "Building" not in result.stderr and "Traceback" not in result.stderr
    assert head(repo) == before


def test_dev_and_previews_are_published_again_without_force(repo):
    published(repo, "deploy", "dev", "--alias", "", "--kind", "development")
    published(repo, "deploy", "dev", "--alias", "", "--kind", "development")
    published(repo, "deploy", "pr-7", "--alias", "", "--kind", "preview")
    # A development version becoming a release is not a rebuild CI does.
    result = publish(repo, "deploy", "dev", "--alias", "")
    assert result.returncode == 1 and "dev is already published (as a development)" in result.stderr


def test_latest_does_not_move_back_without_force(repo):
    before = head(repo)
    result = publish(repo, "deploy", "2.5")
    assert result.returncode == 1
    assert "'latest' points at 3.0, which is newer than 2.5" in result.stderr
    assert "without moving latest (ALIAS=), or move latest back on purpose with FORCE=1" in result.stderr
    assert head(repo) == before
    published(repo, "deploy", "2.5", "--alias", "")
    versions = versions_json(repo)
    assert next(v for v in versions if v["aliases"] == ["latest"])["version"] == "3.0"
    assert "2.5" in [v["version"] for v in versions]


@pytest.mark.parametrize("older, newer", [("2026.9", "2026.10"), ("2.0", "10.0"), ("2026.10", "2026.10.1")])
def test_versions_are_ordered_by_their_numeric_parts(older, newer):
    from publish import is_older

    assert is_older(older, newer) and not is_older(newer, older)


# Finding 16: version and alias names.

@pytest.mark.parametrize("args, message", [
    (["deploy", "4.0\n"], "'4.0\\n' is not a usable version name"),
    (["deploy", "4.0", "--alias", "lts\n"], "'lts\\n' is not a usable version name"),
    (["deploy", "LATEST"], "'LATEST' is reserved (as 'latest'"),
    (["deploy", "Go"], "'Go' is reserved (as 'go'"),
    (["deploy", "Sitemap.xml"], "'Sitemap.xml' is reserved (as 'sitemap.xml'"),
    (["deploy", "robots.txt"], "'robots.txt' is reserved"),
    (["deploy", "PL"], "'PL' is reserved (as 'pl'"),
    (["deploy", "404.HTML"], "'404.HTML' is reserved (as '404.html'"),
    (["deploy", "4.0", "--alias", "Latest"], "'Latest' is reserved (as 'latest'"),
    (["deploy", "PR-7", "--alias", "", "--kind", "preview"],
     "'PR-7' differs only in case from the published version 'pr-7'"),
    (["deploy", "4.0", "--alias", "2.0"], "the alias '2.0' is the name of the published version 2.0"),
    (["deploy", "4.0", "--alias", "4.0"], "the alias '4.0' is the version's own name"),
])
def test_bad_names_are_refused_before_building(repo, args, message):
    before = head(repo)
    result = publish(repo, *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Building" not in result.stderr and "Traceback" not in result.stderr
    assert head(repo) == before


def test_a_version_named_like_an_existing_alias_is_refused(repo):
    published(repo, "deploy", "2.5", "--alias", "lts")
    before = head(repo)
    for name in ("lts", "LTS"):
        result = publish(repo, "deploy", name, "--alias", "")
        assert result.returncode == 1
        assert f"'{name}' is an alias of 2.5 on gh-pages (/lts/ leads there)" in result.stderr
    assert head(repo) == before


def test_a_mike_failure_after_the_build_is_not_called_a_failed_build(repo, tmp_path):
    """Without a git identity mike can build but cannot commit."""
    before = head(repo)
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(HOME=str(tmp_path), GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    result = subprocess.run([sys.executable, str(repo / "scripts" / "publish.py"), "deploy", "4.0"], cwd=repo,
                            capture_output=True, text=True, env=env, timeout=BOUND)
    assert result.returncode == 1
    assert "publish: mike could not publish 4.0 (error getting config 'user.name')" in result.stderr
    assert "the build of" not in result.stderr
    assert "nothing was published: branch gh-pages is unchanged" in result.stderr
    assert head(repo) == before
    assert_no_run_left(repo)


# Finding 17: uncommitted edits.

def test_a_dirty_working_tree_is_refused_unless_allowed(repo):
    before = head(repo)
    faq = repo / "docs" / "en" / "faq.md"
    faq.write_text(faq.read_text() + "\nUNCOMMITTED-EDIT-MARKER\n")
    (repo / "docs" / "en" / "draft.md").write_text("# Draft\n")
    (repo / "notes.txt").write_text("not read by the build\n")
    result = publish(repo, "deploy", "4.0")
    assert result.returncode == 1
    assert "these files the build reads are not committed:\n  - docs/en/draft.md\n  - docs/en/faq.md\n" \
        in result.stderr or "  - docs/en/faq.md\n  - docs/en/draft.md\n" in result.stderr
    assert "notes.txt" not in result.stderr
    assert "ALLOW_DIRTY=1 (--allow-dirty)" in result.stderr and "Traceback" not in result.stderr
    assert head(repo) == before
    (repo / "docs" / "en" / "draft.md").unlink()
    published(repo, "deploy", "4.0", "--allow-dirty")
    assert "UNCOMMITTED-EDIT-MARKER" in git(repo, "show", f"{BRANCH}:4.0/faq/index.html")
    assert "UNCOMMITTED-EDIT-MARKER" not in git(repo, "show", f"{BRANCH}:3.0/faq/index.html")


# Finding 9: robots.txt and the root redirect.

def test_the_published_root_keeps_search_engines_out(published_repo):
    assert git(published_repo, "show", f"{BRANCH}:robots.txt") == "User-agent: *\nDisallow: /\n"
    redirect = git(published_repo, "show", f"{BRANCH}:index.html")
    assert '<meta name="robots" content="noindex, nofollow">' in redirect
    assert 'window.location.replace(\n      "latest/"' in redirect


def test_an_indexed_site_allows_search_engines_at_the_root(repo):
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text().replace("allow_indexing: false", "allow_indexing: true"))
    commit(repo, "Public site")
    published(repo, "deploy", "4.0")
    assert git(repo, "show", f"{BRANCH}:robots.txt") == "User-agent: *\nAllow: /\n"
    assert "noindex" not in git(repo, "show", f"{BRANCH}:index.html")
    assert "noindex" not in git(repo, "show", f"{BRANCH}:4.0/index.html")


# Finding 19: Make inputs are data, and the site's path.

def make(repo, *args):
    return subprocess.run(["make", "--no-print-directory", "-C", str(repo), "-f", str(REPO / "Makefile"),
                           "-o", ".venv/.installed", f"BIN={Path(sys.executable).parent}", *args],
                          capture_output=True, text=True, env={**os.environ, **GIT_IDENTITY}, timeout=BOUND)


@pytest.mark.parametrize("variable", ["VERSION", "ALIAS", "KIND", "PUSH", "FORCE", "ALLOW_DIRTY"])
def test_make_passes_its_inputs_as_data(repo, tmp_path, variable):
    before = head(repo)
    marker = tmp_path / "ran"
    hostile = {
        "VERSION": f"4.0$$(touch {marker})`touch {marker}`",
        "ALIAS": f"$(shell touch {marker})",
        "KIND": f"x\"; touch {marker}; echo \"",
        "PUSH": f"$(shell touch {marker})",
        "FORCE": f"$(shell touch {marker})",
        "ALLOW_DIRTY": f"$(shell touch {marker})",
    }[variable]
    values = {"VERSION": "4.0", variable: hostile}
    result = make(repo, "publish", *(f"{name}={value}" for name, value in values.items()))
    assert not marker.exists(), "a value ran as a command"
    if variable in ("VERSION", "ALIAS", "KIND"):
        assert result.returncode != 0
        assert "is not a usable version name" in result.stderr or "invalid choice" in result.stderr
        assert head(repo) == before
    elif variable == "PUSH":  # a flag: any value sets it, and this repository has no remote to push to
        assert result.returncode != 0 and "cannot read origin, so nothing was published" in result.stderr
    else:
        assert result.returncode == 0, result.stderr


def test_make_passes_force_and_alias_through(repo):
    refused = make(repo, "publish", "VERSION=3.0")
    assert refused.returncode != 0 and "run make publish VERSION=3.0 FORCE=1" in refused.stderr
    assert make(repo, "publish", "VERSION=3.0", "FORCE=1").returncode == 0
    assert make(repo, "publish", "VERSION=2.5", "ALIAS=").returncode == 0
    assert next(v for v in versions_json(repo) if v["version"] == "2.5")["aliases"] == []


@pytest.mark.parametrize("site_url", ["https://host//evil.example/", "https://host/\\evil.example/",
                                      "https://host/ playbook/"])
def test_a_site_path_that_a_browser_reads_as_another_host_is_refused(repo, monkeypatch, site_url):
    monkeypatch.setenv("SITE_URL", site_url)
    before = head(repo)
    for args in (["address", "2.0"], ["deploy", "4.0"]):
        result = publish(repo, *args)
        assert result.returncode == 1
        assert f"publish: mkdocs.yml:5: site_url (set by SITE_URL when given) is {site_url!r}" in result.stderr
        assert "SITE_URL=https://intranet.example/playbook/" in result.stderr and "Traceback" not in result.stderr
    assert head(repo) == before


# --push only after the local publish, and only onto what it fetched.

def test_push_refuses_when_the_remote_moved_during_the_publish(repo, tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "-q", "origin", BRANCH)
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", "--branch", BRANCH, str(remote), str(other))
    run = start_publish(repo, tmp_path, "run", "deploy", "4.0", "--push")
    try:
        wait_until(lambda: building(repo), "the build to start")
        (other / "CNAME").write_text("playbook.brightwater.example\n")
        commit(other, "Custom domain")
        git(other, "push", "-q", "origin", BRANCH)
        assert run.wait(timeout=BOUND) == 1
    finally:
        kill_leftovers(repo)
    message = stderr_of(tmp_path, "run")
    assert "gh-pages is published here, but it was not pushed: origin's gh-pages moved while this run" in message
    assert git(other, "rev-parse", "HEAD") == git(remote, "rev-parse", BRANCH), "the remote keeps the other commit"
    assert "4.0" in [v["version"] for v in versions_json(repo)]


def test_a_huge_name_is_shown_cut_short():
    from playbook.errors import PlaybookError
    from playbook.versions import check_version_name

    with pytest.raises(PlaybookError) as refused:
        check_version_name("1" * 64 + "\n" + "x" * 1_000_000)
    assert len(str(refused.value)) < 300 and "is not a usable version name" in str(refused.value)
