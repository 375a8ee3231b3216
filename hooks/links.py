"""Links that keep working: stable section ids (checked before anything is
built), the inventory of pages and ids each build publishes, declared
redirects, and short links /go/<name>/ (logic: playbook/anchors.py and
playbook/inventory.py)."""

from __future__ import annotations

import json
import logging
import os

import site_context
from playbook import anchors, inventory

log = logging.getLogger("mkdocs.plugins.links")

INVENTORY = "inventory.json"  # at the root of the build (of the version, under mike)
REDIRECT_TEMPLATE = "redirect.html"  # in overrides/


def on_files(files, *, config, **kwargs):
    sources = site_context.docs_sources(config, files)
    default = site_context.default_language(config)
    with site_context.as_build_error():
        for language, pages in sources.items():
            anchors.check_site({f"docs/{language}/{page}.md": source for page, source in pages.items()})
        ids_by_page = inventory.page_ids(sources, default)
        redirects = inventory.load_redirects(config.extra.get("redirects"), ids_by_page)
        short_links = inventory.short_links(ids_by_page)
    config.extra["_links"] = {
        "inventory": {**inventory.build(sources, site_context.languages(config), default),
                      "redirects": redirects.as_json()},
        "redirects": redirects,
        "short_links": short_links,
    }
    return files


def on_page_context(context, *, page, config, **kwargs):
    # playbook.js rewrites a renamed #id on load.
    context["section_redirects"] = config.extra["_links"]["redirects"].sections
    return context


def on_template_context(context, *, template_name, config, **kwargs):
    context["section_redirects"] = config.extra["_links"]["redirects"].sections
    return context


def on_post_build(*, config, **kwargs):
    data = config.extra["_links"]
    with open(os.path.join(config.site_dir, INVENTORY), "w", encoding="utf-8") as handle:
        json.dump(data["inventory"], handle, indent=1, ensure_ascii=False)
    language = site_context.current_language(config)
    folder = inventory.language_prefix(language, site_context.default_language(config))
    template = config.theme.get_env().get_template(REDIRECT_TEMPLATE)
    context = {"config": config, "language": language}
    # /go/<name>/ -> the page or section; an old page address -> its new page.
    for name, target in data["short_links"].items():
        write_redirect(config.site_dir, f"{folder}{inventory.SHORT_LINKS}/{name}/", f"../../{target}",
                       template.render(target=f"../../{target}", keep_hash=False, **context))
    for old, new in data["redirects"].pages.items():
        old_path, new_path = inventory.page_path(old), inventory.page_path(new)
        up = "../" * old_path.count("/")
        write_redirect(config.site_dir, f"{folder}{old_path}", up + new_path,
                       template.render(target=up + new_path, keep_hash=True, **context))


def write_redirect(site_dir: str, path: str, target: str, html: str) -> None:
    folder = os.path.join(site_dir, path)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as handle:
        handle.write(html)
