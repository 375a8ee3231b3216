"""Fill ``{{ company.… }}`` variables in every page (logic: playbook/variables.py)."""

from __future__ import annotations

import logging

import site_context
from playbook import variables as company_variables

log = logging.getLogger("mkdocs.plugins.variables")


def on_config(config, **kwargs):
    with site_context.as_build_error():
        config.extra["_company_variables"] = company_variables.load(
            config.extra.get("company"),
            site_context.languages(config),
            site_context.default_language(config),
            source=site_context.config_source(config),
            line_of=site_context.config_key_line(config),
        )
    return config


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    first_line = site_context.markdown_first_line(page, markdown)
    with site_context.as_build_error():
        return company_variables.fill(
            markdown,
            config.extra["_company_variables"],
            site_context.current_language(config),
            site_context.source_path(config, page.file),
            first_line=first_line,
        )
