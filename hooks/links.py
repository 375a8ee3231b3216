"""Stable section ids, checked before anything is built (logic: playbook/anchors.py)."""

from __future__ import annotations

import logging

import site_context
from playbook import anchors

log = logging.getLogger("mkdocs.plugins.links")


def on_files(files, *, config, **kwargs):
    with site_context.as_build_error():
        for language, pages in site_context.docs_sources(config, files).items():
            anchors.check_site({f"docs/{language}/{page}.md": source for page, source in pages.items()})
    return files
