"""Translations: parity check, not-translated and out-of-date notices,
interface text, and a 404 page per language (logic: playbook/translations.py
and playbook/interface.py)."""

from __future__ import annotations

import logging
import os

import site_context
from playbook import interface, translations, versions

log = logging.getLogger("mkdocs.plugins.translations")

INTERFACE_TABLE = "interface.yml"  # in the theme's custom_dir (overrides/)
_default_404: dict[str, bytes] = {}  # site_dir -> the default language's 404.html


def on_config(config, **kwargs):
    path = os.path.join(config.theme.custom_dir, INTERFACE_TABLE)
    with site_context.as_build_error():
        config.extra["_interface"] = interface.load_table(
            site_context.source_text(path, f"overrides/{INTERFACE_TABLE}"), site_context.languages(config),
            f"overrides/{INTERFACE_TABLE}"
        )
    return config


def on_files(files, *, config, **kwargs):
    # The table is read by the build, not served: MkDocs would copy it from the theme folder.
    table = files.get_file_from_path(INTERFACE_TABLE)
    if table is not None:
        files.remove(table)
    with site_context.as_build_error():
        docs = translations.Docs(site_context.docs_sources(config, files), site_context.default_language(config))
        site_context.once_per_build(config, "sources_checked", lambda: translations.check_sources(
            docs, config.extra["_company_variables"]))
    return files


def on_template_context(context, *, template_name, config, **kwargs):
    # Theme templates such as 404.html get the interface text too.
    context["ui"] = config.extra["_interface"][site_context.current_language(config)]
    context["site_languages"] = site_context.languages(config)
    context["is_default_language"] = site_context.current_language(config) == site_context.default_language(config)
    return context


def on_page_context(context, *, page, config, nav, **kwargs):
    language = site_context.current_language(config)
    default = site_context.default_language(config)
    context["ui"] = config.extra["_interface"][language]
    if language == default:
        return context
    if getattr(page.file, "locale", language) != language:
        context["translation_state"] = translations.MISSING
    else:
        english_path = os.path.join(config.docs_dir, default, page.file.src_uri.partition("/")[2])
        english = site_context.source_text(english_path) if os.path.exists(english_path) else None
        context["translation_state"] = translations.page_state(english, site_context.source_text(page.file.abs_src_path))
    # The same page in the default language, which sits at the site root.
    context["english_url"] = versions.path_in_language(page.url, language, default)
    return context


def on_post_build(*, config, **kwargs):
    # Every language build writes the theme's 404.html to the site root.
    # Keep each language's in its own folder, and the default's at the root.
    language = site_context.current_language(config)
    root_404 = os.path.join(config.site_dir, "404.html")
    if not os.path.exists(root_404):
        return
    with open(root_404, "rb") as handle:
        built = handle.read()
    if language == site_context.default_language(config):
        _default_404[config.site_dir] = built
        return
    with site_context.as_build_error():
        site_context.write_inside_site(config.site_dir, f"{language}/404.html", built)
        site_context.write_inside_site(config.site_dir, "404.html", _default_404[config.site_dir])
