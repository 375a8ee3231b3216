"""Compile the playbook's own templates once per process, not once per language.

mkdocs-static-i18n builds every language with a fresh Jinja environment, so
each template is compiled six times per build. Jinja can keep compiled
templates in a bytecode cache; this one keeps them in memory, only for the
templates under one folder (``overrides/``), so that a change to a template
is still picked up (Jinja compares the source's checksum) and the theme's
own templates are left exactly as they are.
"""

from __future__ import annotations

import os

from jinja2.bccache import Bucket, BytecodeCache


class FolderBytecodeCache(BytecodeCache):
    def __init__(self, folder: str):
        self.folder = os.path.abspath(folder) + os.sep
        self._ours: set[str] = set()
        self._code: dict[str, bytes] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        key = super().get_cache_key(name, filename)
        if filename and os.path.abspath(filename).startswith(self.folder):
            self._ours.add(key)
        return key

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._ours:
            self._code[bucket.key] = bucket.bytecode_to_string()


_caches: dict[str, FolderBytecodeCache] = {}


def for_folder(folder: str) -> FolderBytecodeCache:
    """The one cache of a folder, for every Jinja environment of this process."""
    folder = os.path.abspath(folder)
    return _caches.setdefault(folder, FolderBytecodeCache(folder))
