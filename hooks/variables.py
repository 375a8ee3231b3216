"""Fill ``{{ company.… }}`` variables in every page (logic: playbook/variables.py)."""

from __future__ import annotations

import logging
import os

import site_context
from playbook import number_check, quantities, service_levels
from playbook.errors import PlaybookError
from playbook import variables as company_variables

log = logging.getLogger("mkdocs.plugins.variables")

UNITS_FOLDER = "units"  # in the theme's custom_dir (overrides/units/<language>.yml)


def on_config(config, **kwargs):
    with site_context.as_build_error():
        config.extra["_company_variables"] = company_variables.load(
            config.extra.get("company"),
            site_context.languages(config),
            site_context.default_language(config),
            source=site_context.config_source(config),
            line_of=site_context.config_key_line(config),
        )
        config.extra["_units"] = site_context.once_per_build(config, "units", lambda: _load_units(config))
    return config


def _load_units(config) -> quantities.Units:
    """The unit words of every language, from overrides/units/<language>.yml."""
    folder = os.path.join(config.theme.custom_dir, UNITS_FOLDER)
    texts, sources = {}, {}
    for language in site_context.languages(config):
        path = os.path.join(folder, f"{language}.yml")
        sources[language] = f"overrides/{UNITS_FOLDER}/{language}.yml"
        if not os.path.exists(path):
            raise PlaybookError(
                f"{sources[language]} is missing: every language of the site needs the words of the units "
                f"that company values count in. Copy overrides/{UNITS_FOLDER}/{site_context.default_language(config)}.yml "
                "and translate it."
            )
        texts[language] = site_context.source_text(path, sources[language])
    return quantities.load(texts, sources)


def on_files(files, *, config, **kwargs):
    # The unit words are read by the build, not served: MkDocs would copy them from the theme folder.
    for file in [f for f in files if f.src_uri.startswith(f"{UNITS_FOLDER}/") and f.src_uri.endswith(".yml")]:
        files.remove(file)
    return files


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    first_line = site_context.markdown_first_line(page, markdown)
    source = site_context.source_path(config, page.file)
    language = site_context.current_language(config)
    with site_context.as_build_error():
        number_check.check(markdown, language, source, config.extra["_company_variables"].values, first_line)
        variables, units = config.extra["_company_variables"], config.extra["_units"]
        filled = company_variables.fill(markdown, variables, language, source, first_line=first_line, units=units)
        return service_levels.expand(
            filled, variables.values, config.extra["_interface"][language], "overrides/interface.yml",
            lambda path: company_variables.value_text(path, variables, language, units),
            company_variables.as_markdown_text,
        )
