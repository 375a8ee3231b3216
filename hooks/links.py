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
    with site_context.as_build_error():
        sources = site_context.docs_sources(config, files)
        # The same in every language build: checked and gathered once.
        site_context.once_per_build(config, "ids_checked", lambda: check_ids(sources))
        config.extra["_links"] = site_context.once_per_build(config, "links", lambda: links_data(config, files, sources))
    return files


def check_ids(sources: dict[str, dict[str, str]]) -> None:
    for language, pages in sources.items():
        anchors.check_site({f"docs/{language}/{page}.md": source for page, source in pages.items()})


def links_data(config, files, sources) -> dict:
    default = site_context.default_language(config)
    ids_by_page = inventory.page_ids(sources, default)
    config_file = config.config_file_path or "mkdocs.yml"
    redirects = inventory.load_redirects(
        config.extra.get("redirects"), ids_by_page, source=os.path.basename(config_file),
        text=site_context.source_text(config_file) if os.path.exists(config_file) else "",
        reserved=reserved_names(config, files))
    return {
        "inventory": {**inventory.build(sources, site_context.languages(config), default),
                      "redirects": redirects.as_json()},
        "redirects": redirects,
        "short_links": inventory.short_links(ids_by_page),
    }


# What the other hooks write at the root of each language's folder
# (changelog.py, robots.py, search.py, review.py). tests/test_links.py checks that every
# name at the root of a real build is in reserved_names.
HOOK_OUTPUTS = ("feed.xml", "changelog.json", "robots.txt", "search", "sections.json", "sections.schema.json")
SITEMAP_GZ = "sitemap.xml.gz"  # MkDocs writes it beside sitemap.xml


def reserved_names(config, files) -> dict[str, str]:
    """The first path segments that a redirect's old page may not take, each
    with what it is: everything the build writes besides the pages."""
    reserved = {name: f"'{name}', which the build writes" for name in
                (*HOOK_OUTPUTS, INVENTORY, SITEMAP_GZ, *config.theme.static_templates)}
    for file in files:
        if not file.is_documentation_page():
            first = file.dest_uri.split("/")[0]
            reserved.setdefault(first, f"'{first}', which the site's own files use")
    reserved[inventory.SHORT_LINKS] = f"the short links /{inventory.SHORT_LINKS}/…/"
    for language in site_context.languages(config)[1:]:
        reserved[language] = f"'{language}/', the folder of the language {language}"
    return reserved


def on_page_context(context, *, page, config, **kwargs):
    # playbook.js rewrites a renamed #id on load.
    context["section_redirects"] = config.extra["_links"]["redirects"].sections
    return context


def on_template_context(context, *, template_name, config, **kwargs):
    context["section_redirects"] = config.extra["_links"]["redirects"].sections
    return context


def on_post_build(*, config, **kwargs):
    data = config.extra["_links"]
    with site_context.as_build_error():
        site_context.write_inside_site(config.site_dir, INVENTORY,
                                       json.dumps(data["inventory"], indent=1, ensure_ascii=False))
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
    site_context.write_inside_site(site_dir, f"{path}index.html", html)
