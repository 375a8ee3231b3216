"""Links that keep working: stable section ids (checked before anything is
built), the inventory of pages and ids each build publishes, declared
redirects, and short links /go/<name>/ (logic: playbook/anchors.py and
playbook/inventory.py)."""

from __future__ import annotations

import json
import logging
import os
import re

import site_context
from playbook import anchors, inventory

log = logging.getLogger("mkdocs.plugins.links")

INVENTORY = "inventory.json"  # at the root of the build (of the version, under mike)
REDIRECT_TEMPLATE = "redirect.html"  # in overrides/


def on_files(files, *, config, **kwargs):
    sources = site_context.docs_sources(config, files)
    with site_context.as_build_error():
        # The same in every language build: checked and gathered once.
        site_context.once_per_build(config, "ids_checked", lambda: check_ids(sources))
        config.extra["_links"] = site_context.once_per_build(config, "links", lambda: links_data(config, sources))
    return files


def check_ids(sources: dict[str, dict[str, str]]) -> None:
    for language, pages in sources.items():
        anchors.check_site({f"docs/{language}/{page}.md": source for page, source in pages.items()})


def links_data(config, sources) -> dict:
    default = site_context.default_language(config)
    ids_by_page = inventory.page_ids(sources, default)
    redirects = inventory.load_redirects(config.extra.get("redirects"), ids_by_page)
    return {
        "inventory": {**inventory.build(sources, site_context.languages(config), default),
                      "redirects": redirects.as_json()},
        "redirects": redirects,
        "short_links": inventory.short_links(ids_by_page),
    }


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
    render = redirect_renderer(site_context.theme_template(config, REDIRECT_TEMPLATE),
                               {"config": config, "language": language})
    # /go/<name>/ -> the page or section; an old page address -> its new page.
    for name, target in data["short_links"].items():
        write_redirect(config.site_dir, f"{folder}{inventory.SHORT_LINKS}/{name}/", render(f"../../{target}", False))
    for old, new in data["redirects"].pages.items():
        old_path, new_path = inventory.page_path(old), inventory.page_path(new)
        write_redirect(config.site_dir, f"{folder}{old_path}", render("../" * old_path.count("/") + new_path, True))


# Plain addresses: nothing in them needs escaping, in HTML or in JSON.
PLAIN_ADDRESS = re.compile(r"^[A-Za-z0-9._/#-]*$")
PLACEHOLDER = "playbook-redirect-target"


def redirect_renderer(template, context: dict):
    """Render overrides/redirect.html for a target. Each language build
    writes hundreds of short links, so the template is rendered once per
    kind and a plain address is put in its place."""
    rendered = {keep: template.render(target=PLACEHOLDER, keep_hash=keep, **context) for keep in (False, True)}

    def render(target: str, keep_hash: bool) -> str:
        if PLAIN_ADDRESS.match(target):
            return rendered[keep_hash].replace(PLACEHOLDER, target)
        return template.render(target=target, keep_hash=keep_hash, **context)

    return render


def write_redirect(site_dir: str, path: str, html: str) -> None:
    folder = os.path.join(site_dir, path)
    try:
        os.mkdir(folder)  # the common case, and cheaper than makedirs: hundreds per build
    except FileNotFoundError:
        os.makedirs(folder)
    except FileExistsError:
        pass
    with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as handle:
        handle.write(html)
