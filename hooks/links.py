"""Stable section ids, checked before anything is built, and the inventory of
the pages and section ids each build publishes (logic: playbook/anchors.py)."""

from __future__ import annotations

import json
import logging
import os

import site_context
from playbook import anchors

log = logging.getLogger("mkdocs.plugins.links")

INVENTORY = "inventory.json"  # at the root of the build (of the version, under mike)
# Every language is a build of its own into the same folder: the inventory
# gathers them all, one language's entry replaced by each of its builds.
_inventory: dict[str, dict[str, dict[str, list[str]]]] = {}  # site_dir -> language -> page url -> ids


def on_files(files, *, config, **kwargs):
    with site_context.as_build_error():
        for language, pages in site_context.docs_sources(config, files).items():
            anchors.check_site({f"docs/{language}/{page}.md": source for page, source in pages.items()})
    _inventory.setdefault(config.site_dir, {})[site_context.current_language(config)] = {}
    return files


def on_page_content(html, *, page, config, **kwargs):
    language = site_context.current_language(config)
    _inventory[config.site_dir][language][page.url] = toc_ids(page.toc)
    return html


def on_post_build(*, config, **kwargs):
    pages = {}
    for language_pages in _inventory.get(config.site_dir, {}).values():
        pages.update(language_pages)
    with open(os.path.join(config.site_dir, INVENTORY), "w", encoding="utf-8") as handle:
        json.dump({"pages": dict(sorted(pages.items()))}, handle, indent=1, ensure_ascii=False)


def toc_ids(toc) -> list[str]:
    ids = []
    for item in toc:
        ids.append(item.id)
        ids.extend(toc_ids(item.children))
    return ids
