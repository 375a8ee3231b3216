"""robots.txt: search engines stay out unless ``extra.allow_indexing`` is true.

The build writes it at each version's root (hooks/robots.py); publishing
writes the same file at the root of the published branch
(scripts/publish.py), which is the only place crawlers read it.
"""

from __future__ import annotations


def robots_txt(allow_indexing) -> str:
    """Only the value ``true`` allows indexing: anything else keeps the site out."""
    rule = "Allow: /" if allow_indexing is True else "Disallow: /"
    return f"User-agent: *\n{rule}\n"
