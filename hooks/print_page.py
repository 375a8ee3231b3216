"""The print page: the whole playbook on one page per language, in navigation
order, for printing or a PDF copy (logic: playbook/print_page.py; the page:
overrides/print.html).

``docs/<lang>/print.md`` holds the page's title and introduction; the pages
are added here. (mkdocs-static-i18n makes its files from disk, so the page
cannot be generated out of nothing.)
"""

from __future__ import annotations

import logging

import site_context
from playbook import print_page

log = logging.getLogger("mkdocs.plugins.print_page")

PAGE = "print"
TEMPLATE = "print.html"
# Ids that the print page itself uses (overrides/partials/print-sections.html).
OWN_IDS = {"print-contents"}


def on_page_markdown(markdown, *, page, config, **kwargs):
    if site_context.page_name(page) != PAGE:
        return markdown
    page.meta["template"] = TEMPLATE
    # Every page's text is on its own page already: one search result each is enough.
    page.meta["search"] = {"exclude": True}
    return markdown


def on_page_context(context, *, page, config, nav, **kwargs):
    # By now MkDocs has rendered every page's content (it renders all pages
    # before it writes any), so the print page can gather them.
    if site_context.page_name(page) != PAGE:
        return context
    language = site_context.current_language(config)
    others = [p for p in nav.pages if p is not page]
    sources = [print_page.SourcePage(site_context.page_name(p), p.url, p.content or "") for p in others]
    own_ids = OWN_IDS | set(print_page.ids_in(page.content or ""))
    revisions = config.extra["_changelog"]["revisions"]
    sections = []
    for source, section in zip(others, print_page.combine(sources, page.url, own_ids)):
        text_language = site_context.page_language(config, source)
        sections.append({
            "name": section.name,
            "anchor": section.anchor,
            "title": source.title,
            "heading": section.heading,
            "body": section.body,
            "lang": text_language if text_language != language else None,
            "revision": revisions.get(section.name),
        })
    context["print_sections"] = sections
    # The print page keeps its own revision history, and was last revised
    # when it or any of its pages was.
    own = revisions.get(PAGE) or {"history": [], "last_revised": None, "last_revised_iso": None}
    dated = [r for r in [own] + [s["revision"] for s in sections] if r and r["last_revised_iso"]]
    newest = max(dated, key=lambda revision: revision["last_revised_iso"], default=own)
    context["revision"] = dict(own, last_revised=newest["last_revised"], last_revised_iso=newest["last_revised_iso"])
    return context
