"""Keep search engines out unless ``extra.allow_indexing`` is true."""

from __future__ import annotations

import site_context
from playbook.robots import robots_txt


def on_post_build(*, config, **kwargs):
    # robots.txt is read at the site root only, which the default language builds.
    if site_context.current_language(config) != site_context.default_language(config):
        return
    with site_context.as_build_error():
        site_context.write_inside_site(config.site_dir, "robots.txt", robots_txt(config.extra.get("allow_indexing")))
