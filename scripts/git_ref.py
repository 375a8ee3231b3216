"""Branch names that CI and make hand to the scripts, checked before git sees them."""

from __future__ import annotations

from playbook.errors import PlaybookError


def checked_ref(option: str, value: str, example: str) -> str:
    """``value`` as a branch or commit for git, or PlaybookError saying what to give.

    A value starting with "-" would reach git as an option (``--output=<file>``
    writes a file), so it is refused rather than passed on.
    """
    if not value.strip():
        raise PlaybookError(f"{option} is empty; give the branch to compare with, for example {example}.")
    if value.startswith("-"):
        raise PlaybookError(
            f"{option} {value[:80]!r} starts with '-', which git would read as an option, not a branch; "
            f"give a branch name, for example {example}.")
    return value
