"""Compile templates once per process, not once per language.

mkdocs-static-i18n builds every language with a fresh Jinja environment, so
each template is compiled six times per build. Jinja can keep compiled
templates in a bytecode cache; this one keeps them in memory, only for the
templates under the folders it is given, and an edited template is still
picked up (Jinja compares the source's checksum).

Builds keep the playbook's own templates (``overrides/``) and leave the
theme's as they are, so that make bench compares the hooks with the same
theme work on both sides. ``mkdocs serve`` keeps the theme's too: its process
lives on and rebuilds every language on each edit, and the editor waits for
each rebuild (about a third shorter so, measured on this machine).
"""

from __future__ import annotations

import os
from typing import Iterable

from jinja2.bccache import Bucket, BytecodeCache


class FolderBytecodeCache(BytecodeCache):
    def __init__(self, *folders: str):
        self.folders = tuple(os.path.abspath(folder) + os.sep for folder in folders)
        self._ours: set[str] = set()
        self._code: dict[str, bytes] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        key = super().get_cache_key(name, filename)
        if filename and os.path.abspath(filename).startswith(self.folders):
            self._ours.add(key)
        return key

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._ours:
            self._code[bucket.key] = bucket.bytecode_to_string()


_caches: dict[tuple[str, ...], FolderBytecodeCache] = {}
_whole_theme = False  # set for mkdocs serve


def keep_whole_theme(keep: bool) -> None:
    """Keep the theme's compiled templates too, from now on in this process."""
    global _whole_theme
    _whole_theme = keep


def cache_for(theme_dirs: Iterable[str], custom_dir: str | None) -> FolderBytecodeCache | None:
    """The one cache of this process for a theme (its folders, ``custom_dir`` first)."""
    folders = tuple(theme_dirs) if _whole_theme else ((custom_dir,) if custom_dir else ())
    if not folders:
        return None
    # Once each: mkdocs-static-i18n adds its own folder again for every language.
    key = tuple(dict.fromkeys(os.path.abspath(folder) for folder in folders))
    return _caches.setdefault(key, FolderBytecodeCache(*key))
