"""What the docs tooling reads from mkdocs.yml, without building the site."""

from __future__ import annotations

from pathlib import Path

from playbook.errors import PlaybookError


def read(config_file: Path) -> dict:
    """mkdocs.yml as data (MkDocs' own YAML reading: !ENV and the rest)."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as handle:
        return yaml_load(handle) or {}


def site_languages(config_file: Path, config: dict | None = None) -> tuple[list[str], str]:
    """The site's languages, the default first, and the default; ``config``
    is mkdocs.yml already read, when the caller has it."""
    config = read(config_file) if config is None else config
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"]["languages"]
            default = next(lang["locale"] for lang in languages if lang.get("default"))
            return [default] + [lang["locale"] for lang in languages if lang["locale"] != default], default
    raise PlaybookError(f"{config_file}: no i18n plugin with languages found.")
