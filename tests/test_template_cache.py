"""The in-memory bytecode cache: the playbook's templates are compiled once
per process, the theme's are left alone except under mkdocs serve, and an
edited template is recompiled."""

from __future__ import annotations

import jinja2

from conftest import REPO
from html_pages import LANGUAGES
from playbook import template_cache
from playbook.template_cache import FolderBytecodeCache


def environment(ours, theirs, cache):
    return jinja2.Environment(loader=jinja2.FileSystemLoader([str(ours), str(theirs)]), bytecode_cache=cache)


def test_only_the_folders_templates_are_kept_and_edits_are_picked_up(tmp_path, monkeypatch):
    ours, theirs = tmp_path / "overrides", tmp_path / "theme"
    ours.mkdir()
    theirs.mkdir()
    (ours / "main.html").write_text("ours {{ 1 + 1 }}", encoding="utf-8")
    (theirs / "base.html").write_text("theirs {{ 2 + 2 }}", encoding="utf-8")
    cache = FolderBytecodeCache(str(ours))
    compiled = []
    original = jinja2.Environment.compile

    def counting_compile(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return original(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)
    for _ in range(3):  # three language builds, each with a fresh environment
        env = environment(ours, theirs, cache)
        assert env.get_template("main.html").render() == "ours 2"
        assert env.get_template("base.html").render() == "theirs 4"
    assert compiled.count("main.html") == 1
    assert compiled.count("base.html") == 3
    # An edit (as under make serve) is compiled anew.
    (ours / "main.html").write_text("ours, edited {{ 3 + 3 }}", encoding="utf-8")
    assert environment(ours, theirs, cache).get_template("main.html").render() == "ours, edited 6"
    assert compiled.count("main.html") == 2


def test_several_folders_are_kept_together(tmp_path):
    ours, theirs = tmp_path / "overrides", tmp_path / "theme"
    ours.mkdir()
    theirs.mkdir()
    (ours / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    (theirs / "base.html").write_text("theirs", encoding="utf-8")
    cache = FolderBytecodeCache(str(ours), str(theirs))
    environment(ours, theirs, cache).get_template("main.html").render()
    assert len(cache._code) == 2


def compiled_in_builds(tmp_path, monkeypatch, command: str, builds: int) -> list[list[str]]:
    """The templates each build of the real site compiles, in a process whose
    MkDocs started with ``command`` (each build loads its config anew, as
    mkdocs serve does for every rebuild)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting_compile(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return original(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)
    per_build = []
    try:
        for number in range(builds):
            config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / f"site-{number}"),
                                 strict=True)
            if number == 0:
                config.plugins.on_startup(command=command, dirty=False)
            build(config)
            per_build.append(compiled[:])
            compiled.clear()
    finally:
        template_cache.keep_whole_theme(False)  # the process-wide setting, for the tests after this one
    return per_build


def test_a_build_keeps_the_playbooks_templates_and_compiles_the_themes_per_language(tmp_path, monkeypatch):
    [compiled] = compiled_in_builds(tmp_path, monkeypatch, "build", 1)
    assert compiled.count("base.html") == len(LANGUAGES)  # Material's, once per language
    assert compiled.count("main.html") <= 1  # overrides/main.html (compiled already if an earlier test built)


def test_mkdocs_serve_compiles_every_template_at_most_once(tmp_path, monkeypatch):
    first, rebuild = compiled_in_builds(tmp_path, monkeypatch, "serve", 2)
    assert first.count("base.html") <= 1 and first.count("main.html") <= 1
    assert "base.html" not in rebuild and "main.html" not in rebuild, rebuild
