"""Owners and review dates on every page, the overdue notice's due date, and
the section catalogue sections.json for ticket tools (logic: playbook/review.py
and playbook/catalogue.py; in the browser: overrides/assets/playbook.js)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os

from markupsafe import Markup

import site_context
from playbook import catalogue, review
from playbook.inventory import language_prefix
from playbook.variables import format_value

log = logging.getLogger("mkdocs.plugins.review")


def on_files(files, *, config, **kwargs):
    with site_context.as_build_error():
        sources = site_context.docs_sources(config, files)
        config.extra["_review"] = site_context.once_per_build(config, "reviews", lambda: read_reviews(config, sources))
    # Each language gathers its section titles as its pages are rendered (on_page_context).
    config.extra["_catalogue_titles"] = {}
    return files


def read_reviews(config, sources) -> dict[str, review.Review]:
    variables = config.extra["_company_variables"].values
    default = site_context.default_language(config)
    source = site_context.config_source(config)
    reviews = review.read_reviews(sources[default], review.owner_roles(variables),
                                  review.default_interval(variables, source), dt.date.today(),
                                  lambda page: f"docs/{default}/{page}.md")
    for language, pages in sorted(sources.items()):
        for page, text in sorted(pages.items()):
            if language != default:
                review.check_translation(text, f"docs/{language}/{page}.md", f"docs/{default}/{page}.md")
    return reviews


def page_review(config, name: str) -> dict | None:
    found = config.extra["_review"].get(name)
    if found is None:
        return None
    language = site_context.current_language(config)
    return {
        "owner": owner_name(config, found.owner, language),
        "owner_role": found.owner,
        "reviewed": format_value(found.reviewed, language), "reviewed_iso": found.reviewed.isoformat(),
        "due": format_value(found.due, language), "due_iso": found.due.isoformat(),
    }


def owner_name(config, role: str, language: str) -> str:
    return config.extra["_company_variables"].lookup(f"{review.OWNERS}.{role}", language)


def on_page_context(context, *, page, config, **kwargs):
    name = site_context.page_name(page)
    context["review"] = page_review(config, name)
    # The print page carries every page's owner and review dates.
    for section in context.get("print_sections") or []:
        section["review"] = page_review(config, section["name"])
    config.extra["_catalogue_titles"][name] = {
        "page": Markup(page.title or "").striptags(),
        "sections": {item.id: Markup(item.title).striptags() for item in toc_items(page.toc)},
    }
    return context


def toc_items(items):
    for item in items:
        yield item
        yield from toc_items(item.children)


def on_post_build(*, config, **kwargs):
    language = site_context.current_language(config)
    default = site_context.default_language(config)
    version = os.environ.get("MIKE_DOCS_VERSION") or None
    latest = site_context.latest_alias(config)
    prefix = language_prefix(language, default)
    data = catalogue.build(
        language=language,
        pages=catalogue.pages_in_language(config.extra["_links"]["inventory"]["pages"], language,
                                          site_context.languages(config), default),
        titles=config.extra["_catalogue_titles"],
        reviews=config.extra["_review"],
        owner_names={role: owner_name(config, role, language) for role in
                     review.owner_roles(config.extra["_company_variables"].values)},
        releases=config.extra["_changelog"]["releases"],
        urls=catalogue.Urls(site_root(config.site_url, version, latest), version, latest, prefix),
    )
    with site_context.as_build_error():
        site_context.write_inside_site(config.site_dir, f"{prefix}{catalogue.FILE}",
                                       json.dumps(data, indent=1, ensure_ascii=False))
        if language == default:
            site_context.write_inside_site(config.site_dir, catalogue.SCHEMA_FILE, catalogue.schema_text())


def site_root(site_url: str | None, version: str | None, latest: str) -> str:
    """Where the site is served. mike points site_url at the canonical version
    (…/latest), so a published build's root is one folder up."""
    root = (site_url or "http://127.0.0.1:8000/").rstrip("/")
    if version:
        for folder in (latest, version):
            if root.endswith("/" + folder):
                root = root[: -len(folder) - 1]
                break
    return root + "/"
