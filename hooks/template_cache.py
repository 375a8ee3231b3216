"""Compile overrides/ once per process instead of once per language build
(logic: playbook/template_cache.py); make bench holds the hooks to 15%."""

from __future__ import annotations

from playbook import template_cache


def on_env(env, *, config, **kwargs):
    if config.theme.custom_dir:
        env.bytecode_cache = template_cache.for_folder(config.theme.custom_dir)
    return env
