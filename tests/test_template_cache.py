"""The in-memory bytecode cache: the playbook's templates are compiled once
per process, the theme's are left alone, and an edited template is recompiled."""

from __future__ import annotations

import jinja2

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
