"""The one error type that the pure modules raise, and the "did you mean"
hint their messages share."""

from __future__ import annotations

import difflib
from typing import Iterable


class PlaybookError(Exception):
    """Bad input, with a message that names the file, the line and the fix.

    The hook handlers turn it into MkDocs' ``PluginError``, which fails the
    build with the message and nothing else.
    """


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name most like ``name``, for a "Did you mean ...?" hint."""
    found = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return found[0] if found else None
