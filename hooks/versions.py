"""Version selector, language switcher and outdated-version banner (logic:
playbook/versions.py; in the browser: overrides/assets/playbook.js)."""

from __future__ import annotations

import os

import site_context
from playbook import versions


def on_template_context(context, *, template_name, config, **kwargs):
    # Pages without a page of their own (the 404 page) lead to each language's home.
    context.update(switcher_context("", config))
    hide_material_alternates(config)
    return context


def on_page_context(context, *, page, config, **kwargs):
    context.update(switcher_context(page.url, config))
    hide_material_alternates(config)
    return context


def hide_material_alternates(config) -> None:
    """Keep Material's header showing our switcher (partials/alternate.html)
    but drop its <link rel="alternate" hreflang> tags: for each of them
    Material's script downloads a sitemap.xml that does not exist there, and
    then takes over clicks on language links, dropping the #section.
    (True passes the header's `if` and fails the head's `is iterable`.)

    mkdocs-static-i18n sets the list on every page as an attribute,
    ``config.extra.alternate``, which Jinja reads before the key: both are set."""
    config.extra["alternate"] = True
    config.extra.alternate = True


# Interface text that playbook.js shows (overrides/interface.yml).
BROWSER_TEXT = ("copy_link", "copy_link_latest", "copy_link_latest_short", "link_copied", "link_copy_failed",
                "copy_link_more", "copy_rich_link", "copy_markdown_link", "visit_changed_title")


def switcher_context(url: str, config) -> dict:
    language = site_context.current_language(config)
    default = site_context.default_language(config)
    languages = site_context.languages(config)
    return {
        "language_links": versions.language_links(url, language, languages, default, site_context.language_names(config)),
        # Read by playbook.js; the version root is the template's base_url.
        "playbook_context": {
            "page": versions.path_in_language(url, language, default),
            "language": language,
            "defaultLanguage": default,
            "latestAlias": site_context.latest_alias(config),
            # Only a build by mike has a versions.json beside it; elsewhere
            # (make serve, a plain build) asking for it would fetch a 404 page.
            "published": bool(os.environ.get("MIKE_DOCS_VERSION")),
            "text": {key: config.extra["_interface"][language][key] for key in BROWSER_TEXT},
        },
    }
