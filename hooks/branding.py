"""The company's logo, favicon and primary colour, from ``extra.brand`` in
mkdocs.yml (logic: playbook/branding.py; the colours: partials/brand.html)."""

from __future__ import annotations

import logging
import os

import site_context
from playbook import branding

log = logging.getLogger("mkdocs.plugins.branding")


def on_config(config, **kwargs):
    def asset_exists(path: str) -> bool:
        folders = [config.theme.custom_dir, config.docs_dir]
        return any(folder and os.path.isfile(os.path.join(folder, path)) for folder in folders)

    key_line = site_context.config_key_line(config)
    with site_context.as_build_error():
        brand = branding.load(
            config.extra.get("brand"),
            source=site_context.config_source(config),
            asset_exists=asset_exists,
            line_of=lambda field: key_line(("extra", "brand", field)),
        )
    if brand.logo:
        config.theme["logo"] = brand.logo
    if brand.favicon:
        config.theme["favicon"] = brand.favicon
    if brand.primary_color:
        # Material's "custom" colours take their values from partials/brand.html.
        for palette in site_context.palettes(config):
            palette["primary"] = palette["accent"] = "custom"
    config.extra["_brand"] = brand
    return config
