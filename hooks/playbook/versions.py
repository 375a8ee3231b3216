"""Versions and languages: the addresses the version selector and the
language switcher lead to, and the names publishing accepts.

Every page exists in every language (an untranslated page is served in the
default language under the language's folder), so the same page in another
language is the same path under that language's folder.
"""

from __future__ import annotations

import re

from playbook.errors import PlaybookError
from playbook.inventory import language_prefix

# The alias of the current version (mike's canonical_version in mkdocs.yml).
LATEST = "latest"
# A version is one path segment on the published site: 2026.11, 2.0, dev, pr-12.
# Matched with fullmatch: "$" would also accept a trailing newline.
VERSION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def path_in_language(url: str, language: str, default: str) -> str:
    """A page's address below its language's folder: "pl/channels/" -> "channels/"."""
    prefix = language_prefix(language, default)
    if prefix and (url == prefix.rstrip("/") or url.startswith(prefix)):
        return url[len(prefix):]
    return "" if url in (".", "./") else url


def language_links(url: str, language: str, languages: list[str], default: str,
                   names: dict[str, str]) -> list[dict]:
    """The language switcher's entries: the same page in every language.

    Addresses are relative to the site (or version) root, so that they stay
    inside the version the reader is on.
    """
    path = path_in_language(url, language, default)
    return [
        {"lang": code, "name": names.get(code, code), "url": language_prefix(code, default) + path,
         "current": code == language}
        for code in languages
    ]


def check_version_name(name: str, *, reserved: tuple[str, ...] = ()) -> str:
    """A version or alias name, or a PlaybookError saying what to write instead.

    Reserved names are compared without regard to case: on a host that
    ignores case (and for readers typing an address) ``LATEST`` is ``latest``.
    """
    if not isinstance(name, str) or not VERSION_NAME.fullmatch(name):
        shown = repr(name[:64] + "…" if isinstance(name, str) and len(name) > 64 else name)
        raise PlaybookError(
            f"{shown} is not a usable version name: use letters, digits, '.', '-' or '_' "
            "(starting with a letter or digit, at most 64 characters), for example VERSION=2026.11"
        )
    clash = next((word for word in reserved if word.casefold() == name.casefold()), None)
    if clash is not None:
        same = "" if clash == name else f" (as '{clash}': names that differ only in case are the same address)"
        raise PlaybookError(f"'{name}' is reserved{same}: it would clash with a language folder, a file at the "
                            "site's root or an alias. Choose another name")
    return name
