"""Every file a build writes must parse: feeds and sitemaps as XML, data as
JSON, pages as HTML whose head is intact."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

# One <title> with text only: markup that broke out of it would end it early.
_TITLE = re.compile(r"<title>[^<]*</title>")


def problems(site: Path) -> list[str]:
    """``"path: what is wrong"`` for every written file that does not parse."""
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        try:
            if path.suffix == ".xml":
                ElementTree.parse(path)
            elif name.endswith(".xml.gz"):
                ElementTree.fromstring(gzip.decompress(path.read_bytes()))
            elif path.suffix == ".json":
                json.loads(path.read_text(encoding="utf-8"))
            elif path.suffix == ".html":
                html = path.read_text(encoding="utf-8")
                if len(_TITLE.findall(html)) != 1 or html.count("<title") != 1:
                    found.append(f"{name}: not exactly one <title> holding text only")
        except (ElementTree.ParseError, ValueError, OSError) as error:
            found.append(f"{name}: {str(error)[:200]}")
    return found


def counts(site: Path) -> dict[str, int]:
    """How many files of each kind were checked, so a test can tell it checked something."""
    kinds: dict[str, int] = {}
    for path in site.rglob("*"):
        if path.is_file():
            kinds[path.suffix] = kinds.get(path.suffix, 0) + 1
    return kinds
