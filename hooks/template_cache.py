"""Compile overrides/ once per process instead of once per language build
(logic: playbook/template_cache.py); make bench holds the hooks to 15%."""

from __future__ import annotations

import os

from playbook.template_cache import FolderBytecodeCache

_caches: dict[str, FolderBytecodeCache] = {}


def on_env(env, *, config, **kwargs):
    folder = config.theme.custom_dir
    if not folder:
        return env
    folder = os.path.abspath(folder)
    env.bytecode_cache = _caches.setdefault(folder, FolderBytecodeCache(folder))
    return env
