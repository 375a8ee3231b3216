"""Stable section ids, checked before anything is built (logic: playbook/anchors.py)."""

from __future__ import annotations

import logging
import os

import site_context
from playbook import anchors

log = logging.getLogger("mkdocs.plugins.links")


def on_files(files, *, config, **kwargs):
    # All languages are read from docs/ directly: the check is the same in
    # every language build, and reading the files avoids depending on how
    # the i18n plugin has rearranged them by now.
    by_language: dict[str, dict[str, str]] = {}
    for file in files.documentation_pages():
        language = file.src_uri.split("/", 1)[0]
        by_language.setdefault(language, {})[site_context.source_path(config, file)] = \
            site_context.source_text(file.abs_src_path)
    with site_context.as_build_error():
        for pages in by_language.values():
            anchors.check_site(pages)
    return files
