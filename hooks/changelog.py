"""Changelog entries from changes/*.yml: the changelog page, revision history,
"last revised" dates, "changed in" markers and Atom feeds, in every language
(logic: playbook/changelog.py)."""

from __future__ import annotations

import datetime as dt
import glob
import json
import logging
import os
import re

import site_context
from playbook import anchors, changelog, git_history
from playbook.inventory import page_path
from playbook.variables import as_markdown_text, format_value

log = logging.getLogger("mkdocs.plugins.changelog")

CHANGES_DIR = "changes"
PAGES_BRANCH = "gh-pages"  # where mike publishes
PAGE = "changelog"
FEED = "feed.xml"


def on_files(files, *, config, **kwargs):
    # overrides/feed.xml is the feed's template, rendered in on_post_build.
    # MkDocs would also copy it as a theme asset to the site's root, over the
    # English feed, in every later language's build.
    template = files.get_file_from_path(FEED)
    if template is not None:
        files.remove(template)
    with site_context.as_build_error():
        sources = site_context.docs_sources(config, files)
        shared = site_context.once_per_build(config, "changelog", lambda: changelog_data(config, sources))
    # Each language adds its own "revisions" (on_nav).
    config.extra["_changelog"] = dict(shared)
    return files


def changelog_data(config, sources) -> dict:
    entries = load_entries(config, sources[site_context.default_language(config)])
    # Set by scripts/publish.py when it publishes a release (not for dev or
    # previews, whose new entries stay "unreleased").
    building = os.environ.get("PLAYBOOK_RELEASE") or None
    releases = changelog.assign_releases(entries, published_releases(config), building)
    return {"entries": entries, "releases": releases, "building": building, "sources": sources}


def on_page_markdown(markdown, *, page, config, **kwargs):
    name = site_context.page_name(page)
    language = site_context.current_language(config)
    if name == PAGE:
        # docs/<lang>/changelog.md holds the title; the entries come from changes/.
        data = config.extra["_changelog"]
        default = site_context.default_language(config)
        titles = page_titles(data["sources"].get(language, {}), data["sources"][default])
        ui = config.extra["_interface"][language]
        return markdown.rstrip() + "\n\n" + changelog_markdown(data["releases"], language, default, titles, ui)
    current = current_release(config)
    sections = changelog.changed_sections(current, name)
    if not sections:
        return markdown
    ui = config.extra["_interface"][language]
    label = f'{ui["changed_in"]} {current.version or ui["unreleased"]}'
    return mark_headings(markdown, sections, label)


def on_template_context(context, *, template_name, config, **kwargs):
    context["feed_url"] = feed_url(config)
    return context


def on_nav(nav, *, config, files, **kwargs):
    # Every page's revision information, for its own page and for the print
    # page. The changelog page is the revision history itself.
    docs_parent, docs_name = os.path.split(os.path.normpath(config.docs_dir))
    commit_dates = site_context.once_per_build(
        config, "commit_dates", lambda: git_history.last_commit_dates(docs_parent, docs_name))
    config.extra["_changelog"]["revisions"] = {
        site_context.page_name(file.page): page_revision(config, file, commit_dates)
        for file in files.documentation_pages() if file.page is not None and site_context.page_name(file.page) != PAGE
    }
    return nav


def on_page_context(context, *, page, config, **kwargs):
    context["feed_url"] = feed_url(config)
    name = site_context.page_name(page)
    context["is_changelog"] = name == PAGE
    if name == PAGE:
        return context
    context["revision"] = config.extra["_changelog"]["revisions"].get(name)
    return context


def page_revision(config, file, commit_dates: dict) -> dict:
    """A page's changelog entries and "last revised" date (else its last commit's)."""
    name = site_context.page_name(file.page)
    language = site_context.current_language(config)
    default = site_context.default_language(config)
    data = config.extra["_changelog"]
    history = []
    for release in data["releases"]:
        for entry in release.entries:
            if entry.affects_page(name):
                summary, fallback = entry.summary_in(language, default)
                history.append({"date": format_value(entry.date, language), "iso": entry.date.isoformat(),
                                "version": release.version, "summary": summary, "in_english": fallback})
    revised = changelog.last_revised(data["entries"], name)
    if revised is None:
        revised = commit_dates.get(site_context.source_path(config, file))
    return {
        "history": history,
        "last_revised": format_value(revised, language) if revised else None,
        "last_revised_iso": revised.isoformat() if revised else None,
    }


def on_post_build(*, config, **kwargs):
    language = site_context.current_language(config)
    default = site_context.default_language(config)
    folder = "" if language == default else f"{language}/"
    data = config.extra["_changelog"]
    site_url = (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"
    base = site_url if language == default else f"{site_url}{language}/"
    entries = []
    for release in data["releases"]:
        for entry in release.entries:
            summary, fallback = entry.summary_in(language, default)
            links = [f"{base}{page_path(t.page)}" + (f"#{t.section}" if t.section else "") for t in entry.affects]
            entries.append({"id": entry.id, "date": entry.date.isoformat(), "version": release.version,
                            "summary": summary, "in_english": fallback, "links": links})
    template = site_context.theme_template(config, FEED)
    updated = max((e.date for e in data["entries"]), default=dt.date(2000, 1, 1)).isoformat()
    feed = template.render(config=config, ui=config.extra["_interface"][language], entries=entries,
                           base=base, updated=updated, language=language)
    with site_context.as_build_error():
        site_context.write_inside_site(config.site_dir, f"{folder}{FEED}", feed)
        if language == default:
            # What this build ships, so that a later release can tell which
            # release first contained each entry, and, in "details", what an old
            # version's banner lists as changed since (overrides/assets/playbook.js).
            shipped = {"version": data["building"], "entries": sorted(e.id for e in data["entries"]),
                       "details": changelog.details(data["releases"], site_context.languages(config), default)}
            site_context.write_inside_site(config.site_dir, "changelog.json",
                                           json.dumps(shipped, indent=1, ensure_ascii=False))


# Helpers below: plain data in, plain data out.

def load_entries(config, english_sources: dict[str, str]) -> list[changelog.Entry]:
    sections = {page: set(anchors.section_ids(anchors.headings(source))) for page, source in english_sources.items()}
    languages = site_context.languages(config)
    default = site_context.default_language(config)
    # changes/ sits beside docs/.
    changes_dir = os.path.join(os.path.dirname(os.path.abspath(config.docs_dir)), CHANGES_DIR)
    entries = []
    for path in sorted(glob.glob(os.path.join(changes_dir, "*.yml"))):
        shown = f"{CHANGES_DIR}/{os.path.basename(path)}"
        changelog.check_size(os.path.getsize(path), shown)  # before the file is read
        entries.append(changelog.parse(site_context.source_text(path, shown), os.path.basename(path)[:-4],
                                       shown, languages, default, sections, _section_redirects(config)))
    return entries


def _section_redirects(config) -> dict[str, str]:
    """Old section id -> new one, from extra.redirects (read by the links hook, which runs first)."""
    links = config.extra.get("_links")
    return dict(links["redirects"].sections) if links else {}


def published_releases(config) -> list[tuple[str, set[str]]]:
    """What each published version shipped, oldest first, read from the
    published branch (mike's versions.json and each version's changelog.json)."""
    repo = os.path.dirname(os.path.normpath(config.docs_dir))
    branch = os.environ.get("PLAYBOOK_PAGES_BRANCH", PAGES_BRANCH)
    versions = git_history.read_json(repo, branch, "versions.json") or []
    published = []
    for item in reversed(versions):  # mike lists the newest first
        shipped = git_history.read_json(repo, branch, f"{item['version']}/changelog.json") or {}
        if not shipped.get("version"):
            continue  # dev or a preview: it shipped nothing as a release
        published.append((item["version"], set(shipped.get("entries", []))))
    return published


def feed_url(config) -> str:
    language = site_context.current_language(config)
    return FEED if language == site_context.default_language(config) else f"{language}/{FEED}"


def current_release(config):
    data = config.extra["_changelog"]
    building = data["building"]
    return next((r for r in data["releases"] if r.version == building), None)


def page_titles(sources: dict[str, str], fallback: dict[str, str]) -> dict[str, str]:
    """``{"channels": "Title", "channels#email-response": "Section"}`` in one language."""
    titles = {}
    for page in fallback:
        for heading in anchors.headings(sources.get(page, fallback[page])):
            key = page if heading.level == 1 else f"{page}#{heading.id}"
            titles.setdefault(key, heading.title)
    return titles


def changelog_markdown(releases, language, default, titles, ui) -> str:
    # Interface texts are plain text here too (playbook/plain_text.py).
    lines = [as_markdown_text(ui["changelog_intro"]), ""]
    for release in releases:
        version = release.version or ui["unreleased"]
        anchor = "release-" + "".join(c if c.isalnum() else "-" for c in (release.version or "unreleased")).lower()
        lines += [f"## {as_markdown_text(version)} {{#{anchor}}}", ""]
        for entry in release.entries:
            summary, fallback = entry.summary_in(language, default)
            text = as_markdown_text(summary)
            if fallback:
                text += f" *({as_markdown_text(ui['in_english'])})*{{ lang=en }}"
            links = ", ".join(
                f"[{as_markdown_text(titles.get(str(t), str(t)))}]({t.page}.md" + (f"#{t.section}" if t.section else "") + ")"
                for t in entry.affects
            )
            lines.append(f"- **{format_value(entry.date, language)}**: {text} ({as_markdown_text(ui['affects'])}: {links})")
        lines.append("")
    return "\n".join(lines)


def mark_headings(markdown: str, sections: set[str], label: str) -> str:
    """Give each changed section's heading a "changed in" marker (CSS shows it)."""
    safe = label.replace('"', "'")

    def mark(match):
        return f'{{#{match.group(1)} .playbook-changed data-changed="{safe}"}}'

    pattern = re.compile(r"\{:?\s*#(" + "|".join(map(re.escape, sorted(sections))) + r")\s*\}[ \t]*$", re.M)
    return pattern.sub(mark, markdown)
