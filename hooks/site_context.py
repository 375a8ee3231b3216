"""What the thin handlers need to know about the MkDocs build in progress.

This is the one place that reads MkDocs and mkdocs-static-i18n objects for
the other hooks; it is imported, not listed under ``hooks:`` in mkdocs.yml.
"""

from __future__ import annotations

import functools
import glob
import os
from contextlib import contextmanager

from mkdocs.exceptions import PluginError

# MkDocs puts hooks/ on sys.path while it loads a hook, so this resolves to
# the one shared package whichever hook is loaded first.
from playbook import template_cache, versions, yaml_text
from playbook.errors import PlaybookError


def i18n_plugin(config):
    return config.plugins.get("i18n")


def languages(config) -> list[str]:
    """Every language code of the site, the default first."""
    plugin = i18n_plugin(config)
    if plugin is None:
        return [config.theme.get("language") or "en"]
    codes = [lang.locale for lang in plugin.config.languages]
    default = default_language(config)
    return [default] + [code for code in codes if code != default]


def default_language(config) -> str:
    plugin = i18n_plugin(config)
    if plugin is None:
        return config.theme.get("language") or "en"
    return next(lang.locale for lang in plugin.config.languages if lang.default)


def current_language(config) -> str:
    """The language being built now (each language is a build of its own)."""
    plugin = i18n_plugin(config)
    if plugin is None or plugin.current_language is None:
        return default_language(config)
    return plugin.current_language


def language_names(config) -> dict[str, str]:
    """Each language's own name, as the language switcher shows it."""
    plugin = i18n_plugin(config)
    if plugin is None:
        return {}
    return {lang.locale: lang.name for lang in plugin.config.languages}


def latest_alias(config) -> str:
    """The alias of the current version: mike's canonical_version in mkdocs.yml."""
    plugin = config.plugins.get("mike")
    return (plugin.config.get("canonical_version") if plugin else None) or versions.LATEST


def finishing_language(config) -> str:
    """The language whose build is finishing, for an ``on_post_build`` handler
    that runs after mkdocs-static-i18n's (priority below -100).

    i18n builds the other languages from within the default language's
    ``on_post_build``, and leaves ``current_language`` at the last of them;
    its ``building`` flag is set only while those builds run.
    """
    plugin = i18n_plugin(config)
    if plugin is None or not getattr(plugin, "building", False):
        return default_language(config)
    return plugin.current_language


def palettes(config) -> list[dict]:
    """The theme's colour palettes (Material allows one mapping or a list of them)."""
    palette = config.theme.get("palette") or []
    return [palette] if isinstance(palette, dict) else [p for p in palette if isinstance(p, dict)]


def page_language(config, page) -> str:
    """The language a page's text is in: the default language's for a fallback page."""
    return getattr(page.file, "locale", None) or current_language(config)


def page_name(page) -> str:
    """A page's name in every language, as under docs/<lang>/ without .md: ``channels``."""
    return page.file.src_uri.partition("/")[2][: -len(".md")]


def markdown_first_line(page, markdown: str) -> int:
    """The line of the page's source file on which ``markdown`` (the page
    without its front matter, as hooks get it) starts, for error messages."""
    # MkDocs hands on the text without its front matter and without trailing newlines.
    source, body = source_text(page.file.abs_src_path).rstrip("\n"), markdown.rstrip("\n")
    return source[: len(source) - len(body)].count("\n") + 1 if source.endswith(body) else 1


def source_path(config, file) -> str:
    """A page's source as editors know it: ``docs/en/channels.md``."""
    return f"{os.path.basename(os.path.normpath(config.docs_dir))}/{file.src_uri}"


def config_key_line(config):
    """``line_of(("extra", "brand", "logo"))``: the line of a key in mkdocs.yml, for error messages."""
    config_file = config.config_file_path or "mkdocs.yml"
    text = source_text(config_file) if os.path.exists(config_file) else ""
    return lambda path: yaml_text.key_line(text, path)


def config_source(config) -> str:
    """mkdocs.yml as error messages name it."""
    return os.path.basename(config.config_file_path or "mkdocs.yml")


@contextmanager
def as_build_error():
    """Turn the pure modules' errors into MkDocs' build failure."""
    try:
        yield
    except PlaybookError as error:
        raise PluginError(str(error)) from None


@functools.lru_cache(maxsize=None)
def read_text(path: str, mtime: float, shown: str) -> str:
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PlaybookError(
            f"{shown}:{line}: the byte 0x{data[error.start]:02x} is not UTF-8 text (the file was probably saved "
            "in another encoding, such as Latin-1 or Windows-1252). Save the file as UTF-8 in your editor."
        ) from None


def source_text(path: str, shown: str | None = None) -> str:
    """A source file's text, read once per change of the file. ``shown`` is
    the name an error gives the file (``docs/en/faq.md``), else ``path``
    relative to the working folder."""
    if shown is None:
        relative = os.path.relpath(path)
        shown = path if relative.startswith(os.pardir) else relative
    return read_text(path, os.path.getmtime(path), shown)


def write_inside_site(site_dir: str, relative: str, text: str | bytes) -> str:
    """Write a file the hooks make, at ``relative`` below ``site_dir``; every
    hook writes through here. A path that would land outside the site (``..``,
    an absolute path, an empty name) is refused, as is one that cannot be
    written because a file of the site is in its way. Returns the full path."""
    root = os.path.abspath(site_dir)
    path = os.path.normpath(os.path.join(root, relative))
    # An absolute ``relative`` replaces root in the join, and "" or "." is root itself: both fail here.
    if not path.startswith(root + os.sep):
        raise PlaybookError(f"{site_dir}: a hook was about to write '{relative}', which is outside the site folder. "
                            "Nothing was written there; this is a bug in the hooks or a bad name in mkdocs.yml.")
    folder = os.path.dirname(path)
    try:
        try:
            os.mkdir(folder)  # the common case, and cheaper than makedirs: hundreds of short links per build
        except FileNotFoundError:
            os.makedirs(folder)
        except FileExistsError:
            pass
        with open(path, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
    except (NotADirectoryError, IsADirectoryError, FileExistsError) as error:
        raise PlaybookError(f"{site_dir}: could not write '{relative}' ({error.strerror}): another file of the site "
                            "is in its way. Rename whatever mkdocs.yml or docs/ names that address.") from None
    return path


def once_per_build(config, name: str, compute):
    """``compute()`` once per build: mkdocs-static-i18n builds every language
    with the same config object, and ``mkdocs serve`` loads a fresh one for
    each rebuild, so what is kept here never outlives the sources it was
    computed from. A failure is not kept: it repeats in the next language."""
    cache = config.__dict__.setdefault("_playbook_once_per_build", {})
    if name not in cache:
        cache[name] = compute()
    return cache[name]


def docs_sources(config, files) -> dict[str, dict[str, str]]:
    """Every Markdown source by language folder and page: ``{"pl": {"channels": "..."}}``.

    Read from docs/ directly and once per build, so the answer is the same in
    every language build, whatever the i18n plugin has done to ``files`` by then.
    """
    return once_per_build(config, "docs_sources", lambda: _docs_sources(config, files))


def _docs_sources(config, files) -> dict[str, dict[str, str]]:
    sources: dict[str, dict[str, str]] = {}
    for file in files.documentation_pages():
        if file.generated_by:  # pages the hooks make, such as the changelog
            continue
        language, _, page = file.src_uri.partition("/")
        sources.setdefault(language, {})[page[: -len(".md")]] = source_text(file.abs_src_path, source_path(config, file))
    return sources


def search_plugin(config):
    """Material's search plugin, or None when search is off."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin if plugin is not None and plugin.config.get("enabled", True) else None


def search_entries(config) -> tuple[list[dict], dict]:
    """The search plugin's entries so far and its field boosts, as plain data."""
    plugin = search_plugin(config)
    return [dict(entry) for entry in plugin.search_index.entries], dict(plugin.config.fields)


def theme_files(config, pattern: str) -> set[str]:
    """The theme's files (overrides/ and Material's) matching a glob pattern, relative to the theme."""
    return set(_theme_files(tuple(config.theme.dirs), pattern))


@functools.lru_cache(maxsize=32)
def _theme_files(dirs: tuple[str, ...], pattern: str) -> frozenset[str]:
    # Read once per process: every language build asks again.
    found = set()
    for folder in dirs:
        found.update(os.path.relpath(path, folder).replace(os.sep, "/") for path in glob.glob(os.path.join(folder, pattern)))
    return frozenset(found)


def theme_template(config, name: str):
    """A template of the theme, for a hook to render outside MkDocs' page
    rendering. MkDocs makes a new Jinja environment on every call, so this one
    is given the build's compiled-template cache (template_cache.py)."""
    env = config.theme.get_env()
    env.bytecode_cache = template_bytecode_cache(config)
    return env.get_template(name)


def template_bytecode_cache(config):
    """The compiled-template cache for the theme's Jinja environments (hooks/template_cache.py)."""
    return template_cache.cache_for(config.theme.dirs, config.theme.custom_dir)
