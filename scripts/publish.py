"""Publishing with mike: every version stays online under /<version>/.

    python scripts/publish.py deploy 2026.11 [--alias latest] [--push]
    python scripts/publish.py deploy dev --alias "" --kind development
    python scripts/publish.py deploy pr-12 --alias "" --kind preview   # hidden
    python scripts/publish.py delete 2026.10 [--push]
    python scripts/publish.py serve                                   # like mike serve
    python scripts/publish.py address pr-12                           # where it is read

``make publish``, ``make unpublish`` and ``make preview`` call these. mike
builds the site (strictly: a failed build publishes nothing) and commits it
to the published branch, ``gh-pages``; this script adds what mike does not:
checked names, the version's kind, ``latest`` as the site's default, a root
404 page that finds the reader's language, and a refusal to remove the
version ``latest`` points at.
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from playbook.errors import PlaybookError  # noqa: E402
from playbook.git_history import read_json  # noqa: E402
from playbook.versions import LATEST, check_version_name  # noqa: E402
import site_config  # noqa: E402

import links_check  # noqa: E402  (scripts/ is on sys.path: this file's folder)

BRANCH = "gh-pages"
KINDS = ("release", "development", "preview")
# First path segments that mean something else on the published site.
RESERVED = ("go", "assets", "search", "versions.json", "index.html", "404.html")


class PublishError(PlaybookError):
    pass


def git(repo: Path, *args: str, input: str | None = None, env: dict | None = None, check: bool = True) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, input=input,
                            env=env, check=False)
    if check and result.returncode != 0:
        raise PublishError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def published_versions(repo: Path, branch: str) -> list[dict]:
    """mike's versions.json on the branch, newest first; [] before the first publish."""
    return read_json(str(repo), branch, "versions.json") or []


def version_with_alias(versions: list[dict], alias: str) -> str | None:
    return next((v["version"] for v in versions if alias in v.get("aliases", [])), None)


def site_settings(repo: Path) -> dict:
    """The languages and the site's path, from mkdocs.yml."""
    config = site_config.read(repo / "mkdocs.yml")
    languages, default = site_config.site_languages(repo / "mkdocs.yml", config)
    site_url = config.get("site_url") or "/"
    path = urlsplit(site_url).path or "/"
    return {"languages": languages, "default": default, "root": path.rstrip("/") + "/",
            "site_url": site_url.rstrip("/") + "/"}


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


def mike(repo: Path, *args: str, env: dict | None = None) -> None:
    result = subprocess.run([str(Path(sys.executable).parent / "mike"), *args], cwd=repo, env=env or mike_env("", "preview"),
                            check=False)
    if result.returncode != 0:
        raise PublishError(f"mike {args[0]} failed (exit {result.returncode}); see its messages above.")


def commit_file(repo: Path, branch: str, path: str, content: str, message: str) -> bool:
    """Put one file on the branch in a commit of its own; False when it is already so."""
    with tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ, GIT_INDEX_FILE=os.path.join(scratch, "index"))
        parent = git(repo, "rev-parse", f"refs/heads/{branch}").strip()
        git(repo, "read-tree", parent, env=env)
        blob = git(repo, "hash-object", "-w", "--stdin", input=content).strip()
        git(repo, "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=env)
        tree = git(repo, "write-tree", env=env).strip()
        if tree == git(repo, "rev-parse", f"{parent}^{{tree}}").strip():
            return False
        commit = git(repo, "commit-tree", tree, "-p", parent, "-m", message).strip()
        git(repo, "update-ref", f"refs/heads/{branch}", commit, parent)
        return True


def root_404(repo: Path) -> str:
    """The branch's root 404.html, from overrides/publishing/404.html."""
    import jinja2

    settings = site_settings(repo)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(repo / "overrides" / "publishing")), autoescape=True)
    return env.get_template("404.html").render(latest=LATEST, root=settings["root"], languages=settings["languages"],
                                               default=settings["default"])


def update_from_remote(repo: Path, remote: str, branch: str) -> None:
    """Before publishing for others, start from what they already see."""
    if subprocess.run(["git", "-C", str(repo), "ls-remote", "--exit-code", remote, branch],
                      capture_output=True, check=False).returncode == 0:
        git(repo, "fetch", remote, f"{branch}:{branch}")


def deploy(repo: Path, version: str, alias: str = LATEST, kind: str = "release", push: bool = False,
           remote: str = "origin", branch: str = BRANCH) -> None:
    settings = site_settings(repo)
    reserved = tuple(settings["languages"]) + RESERVED
    check_version_name(version, reserved=reserved + (LATEST,))
    if alias:
        check_version_name(alias, reserved=reserved)
    if kind not in KINDS:
        raise PublishError(f"unknown kind '{kind}': use one of {', '.join(KINDS)}")
    if kind == "preview" and alias:
        raise PublishError(f"a preview is never '{alias}': publish previews with --alias \"\"")
    if push:
        update_from_remote(repo, remote, branch)
    # Links in tickets: no page or section id of latest may vanish unannounced.
    links_check.check(repo, branch)
    # Previews are hidden: the version selector does not list them.
    properties = {"kind": kind, **({"hidden": True} if kind == "preview" else {})}
    try:
        mike(repo, "deploy", version, *([alias] if alias else []), "--update-aliases", "--branch", branch,
             "--prop-set-all", json.dumps(properties), "--message", f"Publish {version}" + (f" as {alias}" if alias else ""),
             env=mike_env(version, kind))
    except PublishError:
        raise PublishError(f"the build of {version} failed, so nothing was published: "
                           f"branch {branch} is unchanged. Fix the error above and publish again.") from None
    # The site's root leads to latest (mike's set-default writes a redirect).
    if version_with_alias(published_versions(repo, branch), LATEST):
        if f'"{LATEST}/"' not in git(repo, "show", f"{branch}:index.html", check=False):
            mike(repo, "set-default", LATEST, "--branch", branch, "--message", f"Default version: {LATEST}")
    commit_file(repo, branch, "404.html", root_404(repo), "Root 404 page: the reader's version and language")
    if push:
        git(repo, "push", remote, branch)


def delete(repo: Path, version: str, push: bool = False, remote: str = "origin", branch: str = BRANCH,
           missing_ok: bool = False) -> None:
    if push:
        update_from_remote(repo, remote, branch)
    versions = published_versions(repo, branch)
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
    mike(repo, "delete", version, "--branch", branch, "--message", f"Remove {version}")
    if push:
        git(repo, "push", remote, branch)


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
    delete_cmd = commands.add_parser("delete", help="remove one published version")
    delete_cmd.add_argument("version")
    delete_cmd.add_argument("--push", action="store_true")
    delete_cmd.add_argument("--missing-ok", action="store_true", help="succeed when it is not published")
    address_cmd = commands.add_parser("address", help="print where a version is read")
    address_cmd.add_argument("version")
    serve_cmd = commands.add_parser("serve", help="serve the published branch")
    serve_cmd.add_argument("--address", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    try:
        if args.command == "deploy":
            deploy(args.repo, args.version, args.alias, args.kind, args.push, args.remote, args.branch)
        elif args.command == "delete":
            delete(args.repo, args.version, args.push, args.remote, args.branch, args.missing_ok)
        elif args.command == "address":
            print(address(args.repo, args.version))
        else:
            serve(args.repo, args.branch, args.address)
    except PlaybookError as error:
        print(f"publish: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
