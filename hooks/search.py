"""One search index per language, in the language's own folder, so that a
reader searches only their language (logic: playbook/search.py)."""

from __future__ import annotations

import json
import os

from mkdocs.plugins import event_priority

import site_context
from playbook import search, search_chunks

LUNR_SCRIPTS = "assets/javascripts/lunr/min/lunr.*.min.js"


def on_config(config, **kwargs):
    # Fail early, before anything is built, for a language search cannot stem.
    if site_context.search_plugin(config) is None:
        return config
    with site_context.as_build_error():
        for language in site_context.languages(config):
            search.lunr_language(language, lunr_languages(config))
        synonyms(config)
    return config


def on_template_context(context, *, template_name, config, **kwargs):
    context["search_index_path"] = index_path(config)
    return context


def on_page_context(context, *, page, config, nav, **kwargs):
    context["search_index_path"] = index_path(config)
    boost = (page.meta.get("search") or {}).get("boost") if isinstance(page.meta.get("search"), dict) else None
    if boost is not None:
        with site_context.as_build_error():
            source = os.path.relpath(page.file.abs_src_path, os.path.dirname(os.path.abspath(config.config_file_path)))
            with open(page.file.abs_src_path, encoding="utf-8") as file:
                search.check_boost(boost, source, file.read())
    return context


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and rewritten the root index
def on_post_build(*, config, **kwargs):
    if site_context.search_plugin(config) is None:
        return
    language = site_context.finishing_language(config)
    default = site_context.default_language(config)
    entries, fields = site_context.search_entries(config)
    entries = search.language_entries(entries, language, default, site_context.languages(config))
    with site_context.as_build_error():
        text = search.index_json(entries, search.lunr_language(language, lunr_languages(config)), fields,
                                 synonyms(config).get(language))
        path = search.index_path(language, default)
        site_context.write_inside_site(config.site_dir, path, text)
        # The same index in pieces, which the browser downloads (playbook/search_chunks.py).
        root = path[:-len(search.INDEX_FILE)]
        for name, piece in search_chunks.chunk_files(entries, json.loads(text)["config"]).items():
            site_context.write_inside_site(config.site_dir, root + name, piece)


def on_serve(server, *, config, builder, **kwargs):
    # make serve rebuilds when a synonym file changes, too.
    folder = os.path.join(os.path.dirname(os.path.abspath(config.config_file_path)), search.SYNONYMS_DIR)
    if os.path.isdir(folder):
        server.watch(folder)
    return server


def index_path(config) -> str:
    """What a page's search asks for: its language's index in pieces (search_chunks.py)."""
    whole = search.index_path(site_context.current_language(config), site_context.default_language(config))
    return whole[:-len(search.INDEX_FILE)] + search_chunks.SETUP_FILE


def synonyms(config) -> dict[str, dict[str, list[str]]]:
    """search/synonyms/<language>.yml beside mkdocs.yml, read and checked once per build."""
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    return site_context.once_per_build(config, "search synonyms",
                                       lambda: search.read_synonyms(root, site_context.languages(config)))


def lunr_languages(config) -> set[str]:
    """The lunr languages the theme ships stemmers for (Material's and overrides/)."""
    return {os.path.basename(path)[len("lunr."):-len(".min.js")] for path in site_context.theme_files(config, LUNR_SCRIPTS)}
