"""Compile templates once per process instead of once per language build:
the playbook's own in every build, the theme's too under mkdocs serve
(logic: playbook/template_cache.py)."""

from __future__ import annotations

import site_context
from playbook import template_cache


def on_startup(*, command, **kwargs):
    # Called once per process; `make serve` runs "serve". MkDocs loads this
    # module anew for every rebuild, so the setting lives in playbook/.
    template_cache.keep_whole_theme(command == "serve")


def on_env(env, *, config, **kwargs):
    env.bytecode_cache = site_context.template_bytecode_cache(config)
    return env
