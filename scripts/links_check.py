"""Links from tickets must keep working: compare the pages and section ids of
the working tree with those of the latest published version.

    python scripts/links_check.py [--branch gh-pages]

A page or section id that disappeared without a redirect (extra.redirects in
mkdocs.yml) fails, listing each one. ``make links-check`` runs this in
pull-request CI, and ``scripts/publish.py`` before every publish. Without a
published branch there is nothing to compare, and it says so.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from playbook import inventory  # noqa: E402
from playbook.git_history import read_json  # noqa: E402
import site_config  # noqa: E402
from playbook.errors import PlaybookError  # noqa: E402
from playbook.versions import LATEST  # noqa: E402
from git_ref import checked_ref  # noqa: E402


def published_inventory(repo: Path, branch: str) -> tuple[str, dict] | None:
    """(version, inventory) of what latest points at on the branch, or None."""
    versions = read_json(str(repo), branch, "versions.json") or []
    latest = next((v["version"] for v in versions if LATEST in v.get("aliases", [])), None)
    if latest is None:
        return None
    found = read_json(str(repo), branch, f"{latest}/inventory.json")
    return (latest, found) if found else None


def working_tree(repo: Path) -> tuple[dict, inventory.Redirects]:
    """The inventory the working tree would publish, and its declared redirects."""
    config = site_config.read(repo / "mkdocs.yml")
    languages, default = site_config.site_languages(repo / "mkdocs.yml", config)
    docs = repo / config.get("docs_dir", "docs")
    sources = {
        language: {path.relative_to(docs / language).as_posix()[:-3]: path.read_text(encoding="utf-8")
                   for path in sorted((docs / language).rglob("*.md"))}
        for language in languages if (docs / language).is_dir()
    }
    ids_by_page = inventory.page_ids(sources, default)
    redirects = inventory.load_redirects((config.get("extra") or {}).get("redirects"), ids_by_page)
    return {**inventory.build(sources, languages, default), "redirects": redirects.as_json()}, redirects


def check(repo: Path, branch: str) -> str:
    """A one-line verdict; raises PlaybookError listing what disappeared."""
    published = published_inventory(repo, branch)
    if published is None:
        return f"links: no published version on {branch} to compare with; nothing to check."
    version, old = published
    current, redirects = working_tree(repo)
    missing = inventory.missing_links(old, current, redirects)
    if missing:
        listed = "\n".join(f"  - {address}" for address in missing)
        raise PlaybookError(
            f"these addresses of the published version {version} would stop working:\n{listed}\n"
            "Links to them are in tickets. Keep the page or section id, or declare where it went in "
            "mkdocs.yml under extra.redirects (pages: {old-page: new-page}, sections: {old-id: new-id}).")
    return f"links: every page and section id of {version} still works."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--branch", default="gh-pages")
    args = parser.parse_args(argv)
    try:
        branch = checked_ref("--branch", args.branch, "origin/gh-pages (make links-check BRANCH=origin/gh-pages)")
        print(check(args.repo, branch))
    except PlaybookError as error:
        print(f"links: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
