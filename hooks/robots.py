"""Keep search engines out unless ``extra.allow_indexing`` is true."""

from __future__ import annotations

import os

import site_context
from playbook.robots import robots_txt


def on_post_build(*, config, **kwargs):
    # robots.txt is read at the site root only, which the default language builds.
    if site_context.current_language(config) != site_context.default_language(config):
        return
    with open(os.path.join(config.site_dir, "robots.txt"), "w", encoding="utf-8") as handle:
        handle.write(robots_txt(config.extra.get("allow_indexing")))
