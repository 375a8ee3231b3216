"""The builds behind make serve (scripts/serve.py): a whole build, and one
page alone, in-process, with what does not depend on the edit kept.

Where the time of a save went under ``mkdocs serve`` (measured on this
machine, see README "Preview"): every save rebuilt all six languages, some
90 pages, of which the edited page is one; per language, MkDocs lists the
theme's files, mkdocs-static-i18n sorts every file into its language, and
each page's Markdown is converted and its template rendered. At 400 pages
per language one language alone takes some 5 s.

``page_build`` therefore runs MkDocs' own build steps for the edited page's
language, but converts only the edited page and renders only its template:
every other page takes its converted Markdown (content, table of contents,
title, ids) from ``PageCache``, which holds what the last build made of it
while its source and the project's settings are unchanged. The hooks see a
normal build of that language (the same once-per-build checks and data), so
the page comes out as a whole build writes it (tests/test_preview.py
compares the two). A whole build then brings every other output up to date.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
for _folder in (REPO / "hooks", REPO / "scripts"):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))
try:
    import mkdocs  # noqa: F401
except ImportError:  # the second runner (.venv-properdocs): ProperDocs answers MkDocs' imports
    import properdocs.replacement  # noqa: F401

# What converting a page's Markdown to HTML leaves on it (MkDocs' Page.render),
# which is all the other pages' part in rendering one page: titles for the
# navigation, content for the print page, ids for anchor checks.
RENDERED = ("content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors")
# Sources that every page's conversion may depend on: the settings (company
# values, Markdown extensions), the changelog entries, the hooks, the interface texts.
# Pages whose hooks fill in text from other pages (the changelog lists page
# titles): a page build runs their hooks again even when their own source is
# unchanged.
TAKES_TEXT_FROM_OTHER_PAGES = ("changelog.md",)
SHARED_SOURCES = ("mkdocs.yml", "changes", "hooks", "overrides/interface.yml", "overrides/units")


@dataclass(frozen=True)
class Problem:
    """One message of a failed build, with the file and line it names."""
    text: str
    file: str | None = None
    line: int | None = None


class BuildFailed(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.text for p in problems))
        self.problems = problems


# "docs/pl/channels.md:12: …" (the hooks' messages) or MkDocs' "Doc file 'pl/channels.md' …".
_LOCATED = re.compile(r"^(?P<file>[\w./-]+\.(?:md|ya?ml|html|py)):(?P<line>\d+):\s*")
_DOC_FILE = re.compile(r"^Doc file '(?P<file>[^']+\.md)'")
_NAMED_FILE = re.compile(r"(?P<file>(?:docs|changes|overrides)/[\w./-]+\.(?:md|ya?ml|html))(?::(?P<line>\d+))?")


def problem(message: str, docs_folder: str = "docs") -> Problem:
    """A build message as a Problem: its file and line, where it names them."""
    text = message.strip()
    located = _LOCATED.match(text)
    if located:
        return Problem(text, located["file"], int(located["line"]))
    doc_file = _DOC_FILE.match(text)
    if doc_file:
        return Problem(text, f"{docs_folder}/{doc_file['file']}")
    named = _NAMED_FILE.search(text)  # "Translations out of step…: docs/pl/channels.md: …"
    if named:
        return Problem(text, named["file"], int(named["line"]) if named["line"] else None)
    return Problem(text)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextmanager
def strict_messages(docs_folder: str):
    """Fail with every warning and error MkDocs logs meanwhile, as a strict build does."""
    from mkdocs.exceptions import Abort, MkDocsException

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        yield collect
    except (Abort, MkDocsException) as error:
        # "Error reading page 'pl/channels.md':" only introduces the error that follows it.
        messages = [m for m in collect.messages if not (m.startswith("Error reading page") and m.endswith(":"))]
        if not isinstance(error, Abort):  # Abort says only how many warnings there were
            messages.append(str(error))
        raise BuildFailed([problem(m, docs_folder) for m in dict.fromkeys(messages or [str(error)])]) from None
    finally:
        logger.removeHandler(collect)
        for handler in list(logger.handlers):  # MkDocs leaves its warning counter after a failure
            if type(handler).__name__ == "CountHandler":
                logger.removeHandler(handler)
    if collect.messages:
        raise BuildFailed([problem(m, docs_folder) for m in dict.fromkeys(collect.messages)])


def _stamp(path: Path) -> tuple:
    try:
        status = path.stat()
    except FileNotFoundError:
        return (str(path), None)
    return (str(path), status.st_mtime_ns, status.st_size)


class PageCache:
    """Each page's HTML as converted from its Markdown, by language and page,
    kept while that Markdown (as the hooks hand it on: some pages take text
    from others, such as the changelog's page titles) and the shared sources
    (SHARED_SOURCES, and which pages exist) are as they were."""

    def __init__(self, root: Path):
        self.root = root
        self._pages: dict[tuple[str, str], tuple[tuple, dict]] = {}
        # Each page's Markdown and front matter as the hooks handed them on, by
        # its source: the hooks read a page's own text and the shared sources only.
        self._hooked: dict[tuple[str, str], tuple[tuple, str, dict]] = {}

    def shared_stamp(self) -> tuple:
        """Every shared source's name, time and size, and every page's name."""
        stamps = []
        for name in SHARED_SOURCES + ("docs",):
            path = self.root / name
            files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
                if path.is_dir() else [path]
            stamps += [_stamp(p) if name != "docs" else str(p) for p in files]
        return tuple(stamps)

    def store(self, language: str, page, shared: tuple) -> None:
        state = {name: getattr(page, name) for name in RENDERED}
        self._pages[language, page.file.src_uri] = ((shared, page.markdown), state)

    def restore(self, language: str, page, shared: tuple) -> bool:
        """Give ``page`` (its Markdown read and through the hooks) its kept HTML, if still valid."""
        kept = self._pages.get((language, page.file.src_uri))
        if kept is None or kept[0] != (shared, page.markdown):
            return False
        for name, value in kept[1].items():
            setattr(page, name, value)
        return True

    def store_hooked(self, language: str, page, source: tuple, shared: tuple) -> None:
        self._hooked[language, page.file.src_uri] = ((shared, source), page.markdown, dict(page.meta))

    def restore_hooked(self, language: str, page, source: tuple, shared: tuple) -> bool:
        """Give ``page`` (its source just read) the Markdown and front matter the
        hooks made of that same source last time, if the shared sources are unchanged."""
        kept = self._hooked.get((language, page.file.src_uri))
        if kept is None or kept[0] != (shared, source):
            return False
        page.markdown, page.meta = kept[1], dict(kept[2])
        return True

    def __len__(self) -> int:
        return len(self._pages)


def _populate_page(page, config, files, cache: PageCache, language: str, shared: tuple,
                   hooks_again: bool = True) -> None:
    """MkDocs' _populate_page (mkdocs/commands/build.py), with the conversion
    to HTML taken from ``cache`` when the page's Markdown is unchanged. No
    playbook hook handles on_page_content; plugins that do get the kept HTML.
    Without ``hooks_again``, a page whose source is as it was also keeps what
    on_page_markdown made of it (a quarter of a page build at 400 pages): the
    page built alone is not such a page, and the whole build that follows
    runs every hook on every page."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        source = (page.markdown, repr(page.meta))
        if hooks_again or not cache.restore_hooked(language, page, source, shared):
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            cache.store_hooked(language, page, source, shared)
        if cache.restore(language, page, shared):
            return
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        cache.store(language, page, shared)
    finally:
        config._current_page = None


class _SeeSources:
    """Runs before every hook's on_page_markdown: each page's source as read."""

    def __init__(self):
        self.sources: dict[str, tuple] = {}

    def on_page_markdown(self, markdown, *, page, **kwargs):
        self.sources[page.file.src_uri] = (markdown, repr(page.meta))
        return markdown
    on_page_markdown.mkdocs_priority = 1000


class _KeepPages:
    """A plugin added to the build's config: stores each page as the hooks
    handed it on, and as converted."""

    def __init__(self, cache: PageCache, shared: tuple, seen: _SeeSources):
        self.cache, self.shared, self.seen = cache, shared, seen

    # After every hook's on_page_markdown: what they made of the page's source.
    def on_page_markdown(self, markdown, *, page, config, **kwargs):
        page.markdown = markdown
        self.cache.store_hooked(_language(config), page, self.seen.sources[page.file.src_uri], self.shared)
        return markdown
    on_page_markdown.mkdocs_priority = -1000

    # After every hook's and plugin's on_page_content: the page as converted.
    def on_page_content(self, html, *, page, config, **kwargs):
        page.content = html
        self.cache.store(_language(config), page, self.shared)
        return html
    on_page_content.mkdocs_priority = -1000


def _language(config) -> str:
    import site_context

    return site_context.current_language(config)


def load(config_file: Path, site_dir: Path, languages: list[str] | None = None):
    """mkdocs.yml as MkDocs loads it, strict; ``languages``: build only these
    (the default language always: the site's root, its 404 page and the
    fallback pages are the default language's build)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
    except ConfigurationError as error:
        raise BuildFailed([problem(f"{config_file.name}: {error}")]) from None
    plugin = config.plugins.get("i18n")
    if languages and plugin is not None:
        known = [lang.locale for lang in plugin.config.languages]
        unknown = [code for code in languages if code not in known]
        if unknown:
            raise BuildFailed([Problem(f"{config_file.name}: no language {', '.join(unknown)} in the i18n "
                                       f"plugin's languages. Use one of: {', '.join(known)}.", config_file.name)])
        for language in plugin.config.languages:
            language.build = language.default or language.locale in languages
    return config


def full_build(config_file: Path, site_dir: Path, languages: list[str] | None = None,
               cache: PageCache | None = None, started=None) -> None:
    """A whole strict build into ``site_dir``, keeping every converted page in ``cache``."""
    from mkdocs.commands.build import build

    config = load(config_file, site_dir, languages)
    if started is not None:  # once per process, as MkDocs' command line does
        config.plugins.on_startup(command=started, dirty=False)
    if cache is not None:
        seen = _SeeSources()
        config.plugins["playbook-preview-sources"] = seen
        config.plugins["playbook-preview-cache"] = _KeepPages(cache, cache.shared_stamp(), seen)
    with strict_messages(_docs_folder(config)):
        build(config)


def _docs_folder(config) -> str:
    return os.path.basename(os.path.normpath(config.docs_dir))


_theme_listings: dict[tuple, list[str]] = {}


def _keep_theme_listing(env, config, shared: tuple) -> None:
    """List the theme's files (some 14,000 names, Material's and overrides/)
    once, not on every save: a sixth of a page build on the real site. The
    list depends on the theme's folders, on what is in overrides/ and on
    mkdocs.yml (which files count as templates), so those are its key."""
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    stamp = tuple(_stamp(p) for p in sorted(custom.rglob("*"))) if custom and custom.is_dir() else ()
    key = (tuple(config.theme.dirs), stamp, shared)
    listing = env.list_templates

    def kept(extensions=None, filter_func=None):
        if key not in _theme_listings:
            _theme_listings.clear()
            _theme_listings[key] = listing(extensions=extensions, filter_func=filter_func)
        return list(_theme_listings[key])

    env.list_templates = kept  # only MkDocs' add_files_from_theme calls it, just below


def _alternates_only_for(plugin, src_uri: str) -> None:
    """mkdocs-static-i18n works out every page's versions in the other
    languages, for the language switcher and the sitemap: at 400 pages per
    language that is a third of a page build. The page built alone needs
    only its own (the sitemap is written by the whole build that follows).
    The plugin is this build's own instance (load() makes a new one)."""
    every_page = plugin.reconfigure_files_alternates

    def this_page_only(i18n_src_uris, alternate_src_uris, mkdocs_config, create_i18n_file):
        wanted = {uri: file for uri, file in i18n_src_uris.items() if file.src_uri == src_uri}
        return every_page(wanted, alternate_src_uris, mkdocs_config, create_i18n_file)

    plugin.reconfigure_files_alternates = this_page_only


def _only_files_the_page_needs(files, plugin, src_uri: str) -> None:
    """Leave out the pages of the languages that this build neither shows
    nor falls back to, but for the edited page's own translations (its
    language switcher links to them): mkdocs-static-i18n would read each
    only to set it aside. The default language stays, for its fallbacks."""
    languages = {language.locale for language in plugin.config.languages}
    kept = {language_of(src_uri), plugin.default_language}
    _, _, page = src_uri.partition("/")
    for file in list(files):
        language, _, rest = file.src_uri.partition("/")
        if language in languages and language not in kept and rest != page:
            files.remove(file)


def language_of(src_uri: str) -> str:
    return src_uri.partition("/")[0]


def page_build(config_file: Path, site_dir: Path, src_uri: str, cache: PageCache,
               languages: list[str] | None = None) -> Path:
    """Build the page of ``src_uri`` (``pl/channels.md``, under docs/) alone
    into ``site_dir``, as a whole build would write it; returns its file.

    MkDocs' build() steps for the page's language (mkdocs/commands/build.py),
    with the other pages' conversion to HTML taken from ``cache`` and only
    this page's template rendered; nothing else is written.
    """
    from mkdocs.commands.build import _build_page
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    language = language_of(src_uri)
    config = load(config_file, site_dir, languages)
    plugin = config.plugins.get("i18n")
    if plugin is not None:
        plugin.current_language = language  # the language i18n's on_config sets up
        _alternates_only_for(plugin, src_uri)
    shared = cache.shared_stamp()
    with strict_messages(_docs_folder(config)):
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        if plugin is not None:
            _only_files_the_page_needs(files, plugin, src_uri)
        env = config.theme.get_env()
        _keep_theme_listing(env, config, shared)
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        target = None
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            if file.src_uri == src_uri:
                target = file
            hooks_again = file.src_uri == src_uri or file.src_uri.endswith(TAKES_TEXT_FROM_OTHER_PAGES)
            _populate_page(file.page, config, files, cache, language, shared, hooks_again=hooks_again)
        if target is None:
            raise BuildFailed([Problem(f"docs/{src_uri} is not a page of the site.", f"docs/{src_uri}")])
        env = config.plugins.on_env(env, config=config, files=files)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        _build_page(target.page, config, doc_files, nav, env)
        target.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    return Path(target.abs_dest_path)
