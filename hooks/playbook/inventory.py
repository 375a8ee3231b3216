"""Links that must keep working: the pages and section ids a build publishes
(its inventory), the redirects declared for moved pages and renamed ids, the
short links /go/<name>/, and what disappeared since the published version.

Plain data in, plain data out: ``sources`` is ``{"pl": {"channels": "# ..."}}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from playbook import anchors, yaml_text
from playbook.errors import PlaybookError, closest

SHORT_LINKS = "go"  # /go/<section-id>/ and /go/<page>/, in every language folder


def page_path(name: str) -> str:
    """A page's address below its language's folder: index -> "", a -> a/, a/index -> a/."""
    if name == "index" or name.endswith("/index"):
        return name[: -len("index")]
    return f"{name}/"


def language_prefix(language: str, default: str) -> str:
    """The folder a language's pages sit in: "" for the default, "pl/" for Polish."""
    return "" if language == default else f"{language}/"


def page_ids(sources: dict[str, dict[str, str]], default: str) -> dict[str, list[str]]:
    """Each default-language page and its section ids, in order."""
    return {page: anchors.section_ids(anchors.headings(text)) for page, text in sources[default].items()}


def build(sources: dict[str, dict[str, str]], languages: list[str], default: str) -> dict:
    """``{"pages": {"pl/complaints/": ["complaints-overview", ...]}}`` for every language.

    Every page exists in every language (an untranslated one in the default
    language's text), and a translation carries the same ids (checked by the
    parity check), so every language lists the same ids.
    """
    pages = {}
    for language in languages:
        for page, text in sorted(sources[default].items()):
            text = sources.get(language, {}).get(page, text)
            pages[language_prefix(language, default) + page_path(page)] = anchors.section_ids(anchors.headings(text))
    return {"default": default, "languages": languages, "pages": pages}


@dataclass
class Redirects:
    pages: dict[str, str] = field(default_factory=dict)     # old page -> new page (names as under docs/en/)
    sections: dict[str, str] = field(default_factory=dict)  # old section id -> new section id

    def as_json(self) -> dict:
        return {"pages": {page_path(k): page_path(v) for k, v in self.pages.items()}, "sections": dict(self.sections)}


# An old page's name as under docs/en/ without .md: lowercase segments joined by "/".
PAGE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*(?:/[a-z0-9][a-z0-9._-]*)*")


def load_redirects(raw, ids_by_page: dict[str, list[str]], source: str = "mkdocs.yml", text: str = "",
                   reserved: Mapping[str, str] | None = None) -> Redirects:
    """``extra.redirects`` checked against the pages and ids that exist now.

    An old page name becomes a folder of the site, so it is checked as
    strictly as a path: relative, inside the site, and clear of every page,
    of every redirect and of ``reserved``, the first path segments the build
    writes for itself (``{"assets": "the site's assets", "pl": ...}``).
    ``text`` is the source's text, for the line of a bad key.
    """
    if raw is None:
        return Redirects()
    key = "extra.redirects"

    def where(*path: str) -> str:
        line = yaml_text.key_line(text, ("extra", "redirects", *path)) if text else None
        return f"{source}:{line}" if line else source

    if not isinstance(raw, dict) or set(raw) - {"pages", "sections"}:
        raise PlaybookError(f"{where()}: {key} must be a mapping with 'pages' and/or 'sections', "
                            "for example:\n  redirects:\n    pages: {old-page: new-page}\n    sections: {old-id: new-id}")
    all_ids = {i for ids in ids_by_page.values() for i in ids}
    page_addresses = {page_path(page): page for page in ids_by_page}
    redirects = Redirects()
    for kind, known in (("pages", set(ids_by_page)), ("sections", all_ids)):
        mapping = raw.get(kind) or {}
        if not isinstance(mapping, dict):
            raise PlaybookError(f"{where(kind)}: {key}.{kind} must map old names to new ones, one per line: 'old: new'.")
        repeated = yaml_text.repeated_key(text, ("extra", "redirects", kind)) if text else None
        if repeated:
            raise PlaybookError(f"{source}:{repeated[1]}: {key}.{kind}: {yaml_text.shown(repeated[0])} is given twice, "
                                "and only the last would count. Keep one of the lines.")
        what = "page" if kind == "pages" else "section id"
        for old, new in mapping.items():
            here = f"{where(kind, str(old))}: {key}.{kind}"
            if not isinstance(old, str):
                raise PlaybookError(f"{here}: the old {what} {yaml_text.shown(old)} must be text; put it in quotes.")
            problem = _old_page_problem(old, page_addresses, reserved or {}) if kind == "pages" else (
                # The rule the headings' ids follow (anchors.check_site).
                None if anchors._KEBAB.fullmatch(old) else "is not a section id: write it in lowercase kebab-case, "
                                                           "as it was in the heading, for example 'email-response'")
            if problem is None and old in known:
                problem = (f"still exists, so it cannot redirect to {yaml_text.shown(str(new))}. Remove this line, "
                           f"or remove or rename the {what} '{old}'")
            if problem:
                raise PlaybookError(f"{here}: the old {what} {yaml_text.shown(old)} {problem}.")
            new = str(new)
            if new not in known:
                hint = closest(new, sorted(known))
                raise PlaybookError(f"{here}: {yaml_text.shown(old)} redirects to {yaml_text.shown(new)}, which is not a "
                                    f"{what} of the site." + (f" Did you mean '{hint}'?" if hint else ""))
            getattr(redirects, kind)[old] = new
    return redirects


def _old_page_problem(old: str, page_addresses: Mapping[str, str], reserved: Mapping[str, str]) -> str | None:
    """Why an old page name cannot be a folder of the site, or None."""
    example = "for example 'policy/old-scope'"
    if not old.strip():
        return f"is empty. Write the old page's name as under docs/en/ without .md, {example}"
    if "\\" in old:
        return f"has a backslash. Separate folders with '/', {example}"
    if old.startswith("/"):
        return f"starts with '/'. Write it relative to docs/en/, without the leading '/', {example}"
    if any(segment in (".", "..") for segment in old.rstrip("/").split("/")):
        return f"has a '.' or '..' part, which would lead out of the site or onto another page. Write the page's own name, {example}"
    # "channels/" and "channels/index" are the address of the page "channels".
    address = page_path(old.rstrip("/"))
    if address in page_addresses:
        return (f"is the address of the page '{page_addresses[address]}', which still exists, so it cannot redirect. "
                "Remove this line, or remove or rename that page")
    if old.endswith("/"):
        return f"ends with '/'. Write it without the '/', as {yaml_text.shown(old.rstrip('/'))}"
    if old.endswith("/index"):
        return f"ends with '/index'. Write it as {yaml_text.shown(old[: -len('/index')])}, which is the same address"
    if not PAGE_NAME.fullmatch(old):
        return ("has characters a page name cannot have. Use lowercase letters, digits, '-', '_' and '.', with '/' "
                f"between folders, {example}")
    first = old.split("/")[0]
    if first in reserved:
        return f"would be written over {reserved[first]}. Remove this line, or choose the name the page really had"
    return None


def short_links(ids_by_page: dict[str, list[str]], source: str = "docs") -> dict[str, str]:
    """``{"complaint-channels": "complaints/#complaint-channels", "complaints": "complaints/"}``:
    every section id and every page name, as addresses below a language's folder."""
    links = {}
    for page, ids in sorted(ids_by_page.items()):
        for section in ids:
            links[section] = f"{page_path(page)}#{section}"
    for page in sorted(ids_by_page):
        name = page[: -len("/index")] if page.endswith("/index") else page
        if name in links:
            raise PlaybookError(f"{source}: the short link /{SHORT_LINKS}/{name}/ would be both the page "
                                f"'{page}' and the section #{name}. Give the section another id (and add a "
                                f"redirect for the old one under extra.redirects.sections in mkdocs.yml).")
        links[name] = page_path(page)
    return links


def missing_links(published: dict, current: dict, redirects: Redirects) -> list[str]:
    """The published addresses (``page/`` and ``page/#id``, in the default
    language, and the old addresses its redirects answered) that the current
    build no longer answers, allowing for declared redirects and for ids that
    moved to another page (the page forwards them).
    Every language has the same pages and ids, so the default's are compared."""
    others = tuple(f"{language}/" for language in published.get("languages", []) if language != published.get("default"))
    old_pages = {url: ids for url, ids in published.get("pages", {}).items() if not url.startswith(others)}
    new_pages = current.get("pages", {})
    new_ids = {i for ids in new_pages.values() for i in ids}
    page_moves = {page_path(old): page_path(new) for old, new in redirects.pages.items()}
    # A redirect, once published, is an address too: dropping it breaks old links.
    old_redirects = published.get("redirects", {})
    old_sections = [(f"{url}#{section}", section) for url, ids in old_pages.items() for section in ids]
    old_sections += [(f"#{section}", section) for section in old_redirects.get("sections", {})]
    missing = [url for url in [*old_pages, *old_redirects.get("pages", {})]
               if url not in new_pages and page_moves.get(url) not in new_pages]
    missing += [address for address, section in old_sections if redirects.sections.get(section, section) not in new_ids]
    return sorted(set(missing))
