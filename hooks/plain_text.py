"""Text is never markup: what the theme inserts without escaping (the site's
name and description, front-matter titles, navigation section titles) is
handed to it escaped, and a page with raw HTML or a ``javascript:`` link
fails the build (logic: playbook/plain_text.py)."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Section

import site_context
from playbook.errors import PlaybookError
from playbook.plain_text import as_html, line_problem, page_markup_problems, shown

log = logging.getLogger("mkdocs.plugins.plain_text")

# mkdocs.yml settings that Material writes into pages as they are.
CONFIG_TEXTS = ("site_name", "site_description", "site_author", "copyright")
# mkdocs.yml addresses that the theme writes into links.
CONFIG_ADDRESSES = ("site_url", "repo_url")
WEB_SCHEMES = ("http", "https")
# Front-matter keys that Material writes into pages as they are.
META_TEXTS = ("title", "description", "author", "subtitle")


# After mkdocs-static-i18n (-100) has put in the language's own site name,
# description and copyright (its languages[].site_name and so on).
@event_priority(-110)
def on_config(config, **kwargs):
    key_line = site_context.config_key_line(config)
    source = site_context.config_source(config)

    def refuse(key: str, problem: str, fix: str):
        line = key_line((key,))
        with site_context.as_build_error():
            raise PlaybookError(f"{source}{f':{line}' if line else ''}: {key} {problem}. {fix}")

    for key in CONFIG_TEXTS:
        if isinstance(config.get(key), str):
            problem = line_problem(config[key])
            if problem:
                refuse(key, f"{problem} ({shown(config[key])})", "Write it on one line.")
            config[key] = as_html(config[key])
    for key in CONFIG_ADDRESSES:
        address = config.get(key)
        if address and urlsplit(address).scheme.lower() not in WEB_SCHEMES:
            refuse(key, f"is not an http(s) address ({shown(address)})", "Give the full https://… address.")
    return config


# Before mkdocs-static-i18n builds the next language from its on_post_build:
# it replaces a setting with the language's own only while the setting is a
# plain str, so the escaped texts go back to the text they were.
@event_priority(100)
def on_post_build(config, **kwargs):
    for key in CONFIG_TEXTS:
        if isinstance(config.get(key), Markup):
            config[key] = str(config[key].unescape())


def on_page_markdown(markdown, *, page, config, **kwargs):
    problems = page_markup_problems(markdown)
    if problems:
        first_line = site_context.markdown_first_line(page, markdown)
        source = site_context.source_path(config, page.file)
        with site_context.as_build_error():
            raise PlaybookError("\n".join(f"{source}:{line + first_line - 1}: {problem}." for line, problem in problems))
    for key in META_TEXTS:
        if isinstance(page.meta.get(key), str):
            page.meta[key] = as_html(page.meta[key])
    return markdown


# After mkdocs-static-i18n has put in the translated section titles.
@event_priority(-110)
def on_nav(nav, **kwargs):
    def escape_sections(items):
        for item in items:
            if isinstance(item, Section):
                item.title = as_html(item.title)
                escape_sections(item.children)

    escape_sections(nav.items)
    return nav
