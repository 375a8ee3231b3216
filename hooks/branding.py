"""The company's logo, favicon and primary colour, from ``extra.brand`` in
mkdocs.yml (logic: playbook/branding.py; the colours: partials/brand.html)."""

from __future__ import annotations

import logging
import os

import site_context
from playbook import branding, yaml_text

log = logging.getLogger("mkdocs.plugins.branding")


def on_config(config, **kwargs):
    config_file = config.config_file_path or "mkdocs.yml"
    text = site_context.source_text(config_file) if os.path.exists(config_file) else ""

    def asset_exists(path: str) -> bool:
        folders = [config.theme.custom_dir, config.docs_dir]
        return any(folder and os.path.isfile(os.path.join(folder, path)) for folder in folders)

    with site_context.as_build_error():
        brand = branding.load(
            config.extra.get("brand"),
            source=os.path.basename(config_file),
            asset_exists=asset_exists,
            line_of=lambda field: yaml_text.key_line(text, ("extra", "brand", field)),
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
