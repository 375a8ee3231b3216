"""Text is never markup: what the theme inserts without escaping (the site's
name and description, front-matter titles, navigation section titles) is
handed to it escaped, and a page with raw HTML or a ``javascript:`` link
fails the build (logic: playbook/plain_text.py)."""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Section

import site_context
from playbook.errors import PlaybookError
from playbook.plain_text import as_html, page_markup_problems

log = logging.getLogger("mkdocs.plugins.plain_text")

# mkdocs.yml settings that Material writes into pages as they are.
CONFIG_TEXTS = ("site_name", "site_description", "site_author", "copyright")
# Front-matter keys that Material writes into pages as they are.
META_TEXTS = ("title", "description", "author", "subtitle")


def on_config(config, **kwargs):
    for key in CONFIG_TEXTS:
        if isinstance(config.get(key), str):
            config[key] = as_html(config[key])
    return config


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
