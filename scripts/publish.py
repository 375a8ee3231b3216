"""Publishing with mike: every version stays online under /<version>/.

    python scripts/publish.py deploy 2026.11 [--alias latest] [--push] [--force] [--allow-dirty]
    python scripts/publish.py deploy dev --alias "" --kind development
    python scripts/publish.py deploy pr-12 --alias "" --kind preview   # hidden
    python scripts/publish.py delete 2026.10 [--push]
    python scripts/publish.py serve                                   # like mike serve
    python scripts/publish.py address pr-12                           # where it is read

``make publish``, ``make unpublish`` and ``make preview`` call these. mike
builds the site (strictly: a failed build publishes nothing) and commits it;
this script adds what mike does not: checked names, the version's kind,
``latest`` as the site's default, a root 404 page that finds the reader's
language, a root robots.txt, and refusals (to re-publish a release or move
``latest`` back without ``--force``, to publish uncommitted edits without
``--allow-dirty``, to remove the version ``latest`` points at).

Publishing is serialized and atomic:

- One run at a time per repository: a lock on ``.git/playbook-publish.lock``.
  A second run waits up to ``PLAYBOOK_PUBLISH_WAIT`` seconds (120), then
  refuses.
- Each run builds in a checkout of its own (a git worktree under
  ``.git/playbook-publish/<run>/``), and mike commits to a scratch branch
  (``playbook-publish/<run>``) started from the published branch. The root
  files go on top, and the published branch moves once, by compare-and-swap
  against the commit whose ``versions.json`` the run checked: if anything
  else moved it meanwhile, the run refuses and leaves it as it is.
- mike and mkdocs run in a process group of their own that is killed when
  this script is stopped (SIGINT, SIGTERM) or dies (SIGKILL: on Linux through
  ``PR_SET_PDEATHSIG``). Even an orphan could only write to the scratch
  branch. What a killed run left is removed by the next one.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import fcntl
import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from playbook import yaml_text  # noqa: E402
from playbook.errors import PlaybookError  # noqa: E402
from playbook.git_history import read_json  # noqa: E402
from playbook.robots import robots_txt  # noqa: E402
from playbook.versions import LATEST, check_version_name  # noqa: E402
import site_config  # noqa: E402

import links_check  # noqa: E402  (scripts/ is on sys.path: this file's folder)

BRANCH = "gh-pages"
KINDS = ("release", "development", "preview")
# Kinds that CI publishes again on every push, so re-publishing needs no --force.
REBUILT_KINDS = ("development", "preview")
# First path segments that mean something else on the published site
# (compared without regard to case, as check_version_name does).
RESERVED = ("go", "assets", "search", "versions.json", "index.html", "404.html", "robots.txt",
            "sitemap.xml", "sitemap.xml.gz", "feed.xml")
# What the build reads: uncommitted changes here would be published.
BUILD_INPUTS = ("mkdocs.yml", "docs", "overrides", "hooks", "changes")
# In the git common dir: the lock, and each run's checkout under RUNS/<run>/;
# each run's scratch branches are refs/heads/RUNS/<run>...
LOCK_FILE = "playbook-publish.lock"
RUNS = "playbook-publish"
WAIT_VARIABLE = "PLAYBOOK_PUBLISH_WAIT"
DEFAULT_WAIT = 120.0
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class PublishError(PlaybookError):
    pass


class Interrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP: unwinds like KeyboardInterrupt, so that the
    children are killed and the scratch branch and checkout are removed."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def stop_on_signal(signum, frame):
    # Once only: a second Ctrl+C must not cut the first one's cleanup short.
    for stop in STOP_SIGNALS:
        signal.signal(stop, signal.SIG_IGN)
    raise Interrupted(signum)


# Set once the published branch has moved, for the message of an interrupted run.
moved_branch: list[str] = []


def git(repo: Path, *args: str, input: str | None = None, env: dict | None = None, check: bool = True) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, input=input,
                            env=env, check=False)
    if check and result.returncode != 0:
        raise PublishError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def git_succeeds(repo: Path, *args: str) -> bool:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False).returncode == 0


def branch_commit(repo: Path, branch: str) -> str | None:
    """The commit the branch is at; None before the first publish."""
    found = git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}", check=False).strip()
    return found or None


def published_versions(repo: Path, ref: str | None) -> list[dict]:
    """mike's versions.json on the branch (or at a commit), newest first; [] before the first publish."""
    return (read_json(str(repo), ref, "versions.json") or []) if ref else []


def version_with_alias(versions: list[dict], alias: str) -> str | None:
    return next((v["version"] for v in versions if alias in v.get("aliases", [])), None)


def site_settings(repo: Path) -> dict:
    """The languages, the site's path and whether search engines may index it, from mkdocs.yml."""
    config_file = repo / "mkdocs.yml"
    config = site_config.read(config_file)
    languages, default = site_config.site_languages(config_file, config)
    site_url = config.get("site_url") or "/"
    path = urlsplit(site_url).path or "/"
    # The root 404 page fetches <path>versions.json and sends readers to
    # <path>latest/...: a path starting with // (or \, to a browser the same)
    # would be another host.
    if "//" in path or "\\" in site_url or any(ord(char) <= 32 for char in site_url):
        line = yaml_text.key_line(config_file.read_text(encoding="utf-8"), ("site_url",))
        raise PublishError(
            f"mkdocs.yml:{line}: site_url (set by SITE_URL when given) is {site_url!r}, and its path {path!r} "
            "has an empty segment, a backslash or a space: a browser would read the part after '//' as "
            "another host. Write it as https://<host>/<path>/, for example SITE_URL=https://intranet.example/playbook/")
    return {"languages": languages, "default": default, "root": path.rstrip("/") + "/",
            "site_url": site_url.rstrip("/") + "/",
            "allow_indexing": (config.get("extra") or {}).get("allow_indexing")}


def mike_env(version: str, kind: str) -> dict:
    env = dict(os.environ)
    # mike runs `mkdocs build` from PATH: use this environment's.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    # Only a release is a release in the changelog; dev and previews list
    # their new entries as unreleased (hooks/changelog.py).
    env.pop("PLAYBOOK_RELEASE", None)
    if kind == "release":
        env["PLAYBOOK_RELEASE"] = version
    return env


def mike(repo: Path, *args: str, env: dict | None = None) -> str | None:
    """Run mike in the group of run_group; None when it succeeded, else why
    not: "build" when the mkdocs build failed, or mike's own error."""
    status, error = run_group([str(Path(sys.executable).parent / "mike"), *args], cwd=repo,
                              env=env or mike_env("", "preview"))
    if status == 0:
        return None
    # mike reports the failed build as the command it ran: mkdocs ... build.
    if error.startswith("error: Command '[") and "'build'" in error:
        return "build"
    return error.removeprefix("error: ") or f"mike {args[0]} stopped (exit {status})"


def run_group(command: list[str], cwd: Path, env: dict) -> tuple[int, str]:
    """Run ``command`` in a process group of its own, under a supervisor that
    kills the whole group (mike, mkdocs, git fast-import) when this process
    dies or is stopped. Its output passes through; returns the exit status and
    the last line starting with "error: " (mike's own error message)."""
    child = subprocess.Popen([sys.executable, __file__, "_supervise", str(os.getpid()), *command], cwd=cwd,
                             env=env, start_new_session=True, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
    error = ""
    try:
        for line in child.stderr:
            sys.stderr.buffer.write(line)
            sys.stderr.flush()
            if line.startswith(b"error: "):
                error = line.decode("utf-8", "replace").strip()
        return child.wait(), error
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        raise
    finally:
        child.stderr.close()


def supervise(parent: int, command: list[str]) -> int:
    """The child side of run_group: runs ``command`` in this process group and
    takes the group down with it when publish.py dies, even by SIGKILL."""
    def kill_group(*_):
        os.killpg(0, signal.SIGKILL)

    for stop in STOP_SIGNALS:
        signal.signal(stop, kill_group)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # publish.py died before prctl took effect
        kill_group()
    return subprocess.Popen(command).wait()


def lock_wait() -> float:
    value = os.environ.get(WAIT_VARIABLE, "")
    try:
        return float(value) if value.strip() else DEFAULT_WAIT
    except ValueError:
        raise PublishError(f"{WAIT_VARIABLE} is {value!r}: give the seconds to wait for another publish, "
                           f"for example {WAIT_VARIABLE}=300") from None


@contextlib.contextmanager
def exclusive(repo: Path):
    """Hold the repository's publishing lock; yields the git common dir.

    With the lock held no other run is alive, so what killed runs left (their
    scratch branches and checkouts) is removed first.
    """
    common = Path(git(repo, "rev-parse", "--path-format=absolute", "--git-common-dir").strip())
    wait = lock_wait()
    with open(common / LOCK_FILE, "a+", encoding="utf-8") as lock:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                lock.seek(0)
                holder = lock.read().strip() or "unknown"
                if time.monotonic() >= deadline:
                    raise PublishError(
                        f"another publish (process {holder}) is still running in this repository after "
                        f"{wait:g} s of waiting ({common / LOCK_FILE} is locked), so nothing was done. Let it "
                        f"finish and publish again, or wait longer with {WAIT_VARIABLE}=<seconds>.") from None
                time.sleep(0.2)
        lock.seek(0)
        lock.truncate()
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        remove_runs(repo, common)
        try:
            yield common
        finally:
            remove_runs(repo, common)


def remove_runs(repo: Path, common: Path) -> None:
    """Every run's scratch branches and checkout (called with the lock held)."""
    for ref in git(repo, "for-each-ref", "--format=%(refname)", f"refs/heads/{RUNS}/").split():
        git(repo, "update-ref", "-d", ref, check=False)
    runs = common / RUNS
    if runs.is_dir():
        for checkout in runs.iterdir():
            git(repo, "worktree", "remove", "--force", str(checkout), check=False)
        shutil.rmtree(runs, ignore_errors=True)
        git(repo, "worktree", "prune")


def uncommitted_inputs(repo: Path) -> list[str]:
    """Build inputs that differ from the last commit, untracked files included."""
    status = git(repo, "status", "--porcelain", "--untracked-files=all", "--", *BUILD_INPUTS)
    return [line[3:] for line in status.splitlines()]


def check_committed(repo: Path) -> None:
    changed = uncommitted_inputs(repo)
    if changed:
        listed = "\n".join(f"  - {path}" for path in changed[:10]) + ("\n  - …" if len(changed) > 10 else "")
        raise PublishError(
            f"these files the build reads are not committed:\n{listed}\nA published version stays online for "
            "years and must be the same as a commit (its dates and changelog come from git). Commit (or stash) "
            "them and publish again, or publish them as they are with ALLOW_DIRTY=1 (--allow-dirty).")


@contextlib.contextmanager
def build_checkout(repo: Path, common: Path, run: str, allow_dirty: bool):
    """A checkout of HEAD of the run's own (its site/ is the run's), with the
    working tree's uncommitted build inputs copied in when they are allowed."""
    folder = common / RUNS / run
    git(repo, "worktree", "add", "--quiet", "--detach", str(folder), "HEAD")
    if allow_dirty:
        changed = git(repo, "diff", "--name-only", "--no-renames", "-z", "HEAD", "--", *BUILD_INPUTS)
        untracked = git(repo, "ls-files", "-z", "--others", "--exclude-standard", "--", *BUILD_INPUTS)
        for name in filter(None, (changed + untracked).split("\0")):
            if (repo / name).exists():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(repo / name, folder / name)
            else:
                (folder / name).unlink(missing_ok=True)
    yield folder


def check_against_published(versions: list[dict], version: str, alias: str, kind: str, force: bool,
                            branch: str) -> None:
    """What the names and the kind would do to what is published, refused before building."""
    by_name = {v["version"].casefold(): v for v in versions}
    alias_owner = {name.casefold(): (name, v["version"]) for v in versions for name in v.get("aliases", [])}
    if version.casefold() in alias_owner:
        name, owner = alias_owner[version.casefold()]
        raise PublishError(f"'{version}' is an alias of {owner} on {branch} (/{name}/ leads there), so a version "
                           f"of that name would take the address over. Choose another version name.")
    same = by_name.get(version.casefold())
    if same and same["version"] != version:
        raise PublishError(f"'{version}' differs only in case from the published version '{same['version']}', "
                           "and a host that ignores case serves both at one address. Use "
                           f"VERSION={same['version']} or another name.")
    if alias and alias.casefold() in by_name:
        raise PublishError(f"the alias '{alias}' is the name of the published version "
                           f"{by_name[alias.casefold()]['version']} on {branch}. Choose another alias, or "
                           "ALIAS= for none.")
    if alias and alias.casefold() in alias_owner and alias_owner[alias.casefold()][0] != alias:
        raise PublishError(f"the alias '{alias}' differs only in case from the alias "
                           f"'{alias_owner[alias.casefold()][0]}' on {branch}. Use that one, or another name.")
    if same and not force:
        published_kind = (same.get("properties") or {}).get("kind", "release")
        if published_kind not in REBUILT_KINDS or kind not in REBUILT_KINDS:
            raise PublishError(
                f"{version} is already published (as a {published_kind}). Publishing it again rebuilds it from "
                f"today's files and replaces what tickets link to under /{version}/. If that is what you want, "
                f"run make publish VERSION={version} FORCE=1 (publish.py deploy --force).")
    current = version_with_alias(versions, LATEST)
    if alias == LATEST and current not in (None, version) and not force and is_older(version, current):
        raise PublishError(
            f"'{LATEST}' points at {current}, which is newer than {version} (versions are ordered as mike "
            f"orders them: by their numeric parts, 2026.9 before 2026.10), so readers would be sent back. "
            f"Publish {version} without moving {LATEST} (ALIAS=), or move {LATEST} back on purpose with FORCE=1.")


def is_older(version: str, other: str) -> bool:
    from verspec.loose import LooseVersion  # mike's own order of versions.json

    return LooseVersion(version) < LooseVersion(other)


def root_files(settings: dict, versions: list[dict]) -> dict[str, str]:
    """The branch's root: the 404 page, robots.txt and, once there is a
    latest, index.html leading to it (what mike's set-default writes)."""
    import jinja2

    publishing = REPO / "overrides" / "publishing"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(publishing), str(publishing.parent)]),
                             autoescape=True)
    files = {
        "404.html": env.get_template("404.html").render(latest=LATEST, root=settings["root"],
                                                        languages=settings["languages"], default=settings["default"]),
        "robots.txt": robots_txt(settings["allow_indexing"]),
    }
    if version_with_alias(versions, LATEST):
        files["index.html"] = env.get_template("index.html").render(
            href=f"{LATEST}/", config={"extra": {"allow_indexing": settings["allow_indexing"]}})
    return files


def commit_files(repo: Path, parent: str, files: dict[str, str], message: str) -> str:
    """A commit on top of ``parent`` that adds ``files``; ``parent`` itself when they are already so."""
    with tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ, GIT_INDEX_FILE=os.path.join(scratch, "index"))
        git(repo, "read-tree", parent, env=env)
        for path, content in files.items():
            blob = git(repo, "hash-object", "-w", "--stdin", input=content).strip()
            git(repo, "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=env)
        tree = git(repo, "write-tree", env=env).strip()
        if tree == git(repo, "rev-parse", f"{parent}^{{tree}}").strip():
            return parent
        return git(repo, "commit-tree", tree, "-p", parent, "-m", message).strip()


def move_branch(repo: Path, branch: str, new: str, old: str | None) -> None:
    """The one change to the published branch: to ``new``, only if it is still at ``old``."""
    if new == old:
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        # An empty old value means: only if the branch does not exist yet.
        if git_succeeds(repo, "update-ref", "-m", "publish", f"refs/heads/{branch}", new, old or ""):
            moved_branch.append(branch)
            return
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    now = branch_commit(repo, branch)
    raise PublishError(
        f"{branch} moved while this run was publishing (from {old[:12] if old else 'nothing'} to "
        f"{now[:12] if now else 'nothing'}): something other than make publish changed it. Nothing was published "
        f"and {branch} was left as it is: publish again.")


def update_from_remote(repo: Path, remote: str, branch: str, run: str) -> str | None:
    """Before publishing for others, start from what they already see; the
    remote's commit (the lease for the push), or None when it has none."""
    listed = subprocess.run(["git", "-C", str(repo), "ls-remote", "--exit-code", remote, f"refs/heads/{branch}"],
                            capture_output=True, text=True, check=False)
    if listed.returncode == 2:  # the remote has no such branch yet
        return None
    if listed.returncode != 0:
        raise PublishError(f"cannot read {remote}, so nothing was published: {listed.stderr.strip()}")
    fetched = f"refs/heads/{RUNS}/{run}-remote"
    git(repo, "fetch", "--quiet", remote, f"+refs/heads/{branch}:{fetched}")
    theirs = git(repo, "rev-parse", fetched).strip()
    ours = branch_commit(repo, branch)
    if ours is None or git_succeeds(repo, "merge-base", "--is-ancestor", ours, theirs):
        git(repo, "update-ref", f"refs/heads/{branch}", theirs, ours or "")
    elif not git_succeeds(repo, "merge-base", "--is-ancestor", theirs, ours):
        raise PublishError(
            f"the local {branch} and {remote}'s have both changed since they last agreed, so nothing was done. "
            f"To start from what readers see: git fetch {remote} {branch} && git branch -f {branch} FETCH_HEAD, "
            "then publish again.")
    return theirs


def push_branch(repo: Path, remote: str, branch: str, lease: str | None) -> None:
    """Push only if the remote is still where this run found it."""
    result = subprocess.run(["git", "-C", str(repo), "push", "--quiet", f"--force-with-lease=refs/heads/{branch}:{lease or ''}",
                             remote, f"refs/heads/{branch}:refs/heads/{branch}"], capture_output=True, text=True)
    if result.returncode == 0:
        return
    if "stale info" in result.stderr:  # the lease: the remote is no longer where this run found it
        raise PublishError(
            f"{branch} is published here, but it was not pushed: {remote}'s {branch} moved while this run "
            f"was publishing. Start again from it: git fetch {remote} {branch} && git branch -f {branch} "
            "FETCH_HEAD, then publish again.")
    raise PublishError(f"{branch} is published here, but pushing it to {remote} failed: {result.stderr.strip()}")


def run_name() -> str:
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"


def deploy(repo: Path, version: str, alias: str = LATEST, kind: str = "release", push: bool = False,
           remote: str = "origin", branch: str = BRANCH, force: bool = False, allow_dirty: bool = False) -> None:
    settings = site_settings(repo)
    reserved = tuple(settings["languages"]) + RESERVED
    check_version_name(version, reserved=reserved + (LATEST,))
    if alias:
        check_version_name(alias, reserved=reserved + (() if alias == LATEST else (LATEST,)))
        if alias.casefold() == version.casefold():
            raise PublishError(f"the alias '{alias}' is the version's own name: give another alias, or ALIAS= for none")
    if kind not in KINDS:
        raise PublishError(f"unknown kind '{kind}': use one of {', '.join(KINDS)}")
    if kind == "preview" and alias:
        raise PublishError(f"a preview is never '{alias}': publish previews with --alias \"\"")
    if not allow_dirty:
        check_committed(repo)
    run = run_name()
    with exclusive(repo) as common:
        lease = update_from_remote(repo, remote, branch, run) if push else None
        old = branch_commit(repo, branch)
        check_against_published(published_versions(repo, old), version, alias, kind, force, branch)
        with build_checkout(repo, common, run, allow_dirty) as checkout:
            # Links in tickets: no page or section id of latest may vanish unannounced.
            links_check.check(checkout, old or f"refs/heads/{branch}")
            scratch = f"{RUNS}/{run}"
            if old:
                git(repo, "update-ref", f"refs/heads/{scratch}", old, "")
            # Previews are hidden: the version selector does not list them.
            properties = {"kind": kind, **({"hidden": True} if kind == "preview" else {})}
            failed = mike(checkout, "deploy", version, *([alias] if alias else []), "--update-aliases",
                          "--branch", scratch, "--ignore-remote-status", "--prop-set-all", json.dumps(properties),
                          "--message", f"Publish {version}" + (f" as {alias}" if alias else ""),
                          env=mike_env(version, kind))
            unchanged = f"nothing was published: branch {branch} is unchanged."
            if failed == "build":
                raise PublishError(f"the build of {version} failed, so {unchanged} Fix the error above and publish again.")
            if failed:
                raise PublishError(f"mike could not publish {version} ({failed}), so {unchanged}")
            built = branch_commit(repo, scratch)
            new = commit_files(repo, built, root_files(settings, published_versions(repo, built)),
                               "Root pages: the 404 page, robots.txt and the redirect to latest")
            move_branch(repo, branch, new, old)
    if push:
        push_branch(repo, remote, branch, lease)


def delete(repo: Path, version: str, push: bool = False, remote: str = "origin", branch: str = BRANCH,
           missing_ok: bool = False) -> None:
    run = run_name()
    with exclusive(repo):
        lease = update_from_remote(repo, remote, branch, run) if push else None
        old = branch_commit(repo, branch)
        versions = published_versions(repo, old)
        names = [v["version"] for v in versions]
        if version not in names and missing_ok:
            return  # a pull request closed before its preview was published
        if version not in names:
            listed = ", ".join(names) or "none"
            raise PublishError(f"there is no published version '{version}' on {branch} (published: {listed}).")
        if version_with_alias(versions, LATEST) == version:
            raise PublishError(f"'{version}' is what '{LATEST}' points at, so removing it would leave readers "
                               f"without a current version. Publish a newer version first "
                               f"(make publish VERSION=…), then unpublish {version}.")
        scratch = f"{RUNS}/{run}"
        git(repo, "update-ref", f"refs/heads/{scratch}", old, "")
        failed = mike(repo, "delete", version, "--branch", scratch, "--ignore-remote-status",
                      "--message", f"Remove {version}")
        if failed:
            raise PublishError(f"mike could not remove {version} ({failed}), so nothing was removed: "
                               f"branch {branch} is unchanged.")
        move_branch(repo, branch, branch_commit(repo, scratch), old)
    if push:
        push_branch(repo, remote, branch, lease)


def address(repo: Path, version: str) -> str:
    """Where a published version is read: <site_url><version>/."""
    return f"{site_settings(repo)['site_url']}{check_version_name(version)}/"


def serve(repo: Path, branch: str = BRANCH, address: str = "127.0.0.1:8000") -> None:
    """mike serve, plus what a static host does with a missing address: the
    branch's root 404.html, which finds the version's and language's own 404
    page and sends short links such as /go/<id>/ to latest."""
    if not published_versions(repo, branch):
        raise PublishError(f"nothing is published on {branch} yet: run make publish VERSION=<version> first.")
    host, _, port = address.rpartition(":")
    httpd = http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port)), branch_handler(branch))
    os.chdir(repo)  # mike's git helpers read the branch of the repository they run in
    print(f"Serving {branch} at http://{address}/ (Ctrl+C stops)", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()


def branch_handler(branch_name: str):
    from mike import git_utils, server

    class Handler(server.GitBranchHTTPHandler):
        branch = branch_name

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            try:
                body = git_utils.read_file(self.branch, "404.html")
            except git_utils.GitError:  # nothing published with this script yet
                return super().send_error(code, message, explain)
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    return Handler


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_supervise"]:  # run_group's child, not a command for people
        return supervise(int(argv[1]), argv[2:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--branch", default=os.environ.get("PLAYBOOK_PAGES_BRANCH", BRANCH))
    parser.add_argument("--remote", default="origin")
    commands = parser.add_subparsers(dest="command", required=True)
    deploy_cmd = commands.add_parser("deploy", help="build and publish a version")
    deploy_cmd.add_argument("version")
    deploy_cmd.add_argument("--alias", default=LATEST, help="alias to point at it ('' for none)")
    deploy_cmd.add_argument("--kind", default="release", choices=KINDS)
    deploy_cmd.add_argument("--push", action="store_true")
    deploy_cmd.add_argument("--force", action="store_true",
                            help="replace a published release, or move latest to an older version")
    deploy_cmd.add_argument("--allow-dirty", action="store_true", help="publish uncommitted changes as they are")
    delete_cmd = commands.add_parser("delete", help="remove one published version")
    delete_cmd.add_argument("version")
    delete_cmd.add_argument("--push", action="store_true")
    delete_cmd.add_argument("--missing-ok", action="store_true", help="succeed when it is not published")
    address_cmd = commands.add_parser("address", help="print where a version is read")
    address_cmd.add_argument("version")
    serve_cmd = commands.add_parser("serve", help="serve the published branch")
    serve_cmd.add_argument("--address", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    if args.command in ("deploy", "delete"):
        for stop in STOP_SIGNALS:
            signal.signal(stop, stop_on_signal)
    try:
        if args.command == "deploy":
            deploy(args.repo, args.version, args.alias, args.kind, args.push, args.remote, args.branch,
                   args.force, args.allow_dirty)
        elif args.command == "delete":
            delete(args.repo, args.version, args.push, args.remote, args.branch, args.missing_ok)
        elif args.command == "address":
            print(address(args.repo, args.version))
        else:
            serve(args.repo, args.branch, args.address)
    except PlaybookError as error:
        print(f"publish: {error}", file=sys.stderr)
        return 1
    except Interrupted as stop:
        if moved_branch:
            outcome = f"{args.branch} was already updated" + (", but not pushed" if args.push else "")
        else:
            outcome = f"nothing was published: branch {args.branch} is unchanged"
        print(f"publish: stopped by {signal.Signals(stop.signum).name}; {outcome}.", file=sys.stderr)
        return 128 + stop.signum
    return 0


if __name__ == "__main__":
    sys.exit(main())
