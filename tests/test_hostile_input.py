"""Every kind of input the playbook reads (pages, front matter, company
values, changelog entries, interface texts, redirects, unit words, version and
alias names), handed the values an attacker would try. Each build ends one of two ways: a clear error that names the
file (no traceback, nothing written), or a site where the value shows as
text and every file written parses. A new kind of input joins INPUT_KINDS.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import GIT_IDENTITY, BuildFailed, build_site, edit, git, project_repo, project_sandbox
from html_pages import LANGUAGES
from site_outputs import problems
from test_text_policy import injected_markup

# A YAML document that expands to 10^7 items when its aliases are followed.
ALIAS_BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(6))


@dataclass(frozen=True)
class Hostile:
    name: str
    text: str = ""
    raw: bytes | None = None  # written as bytes, not text: not UTF-8
    yaml_document: str | None = None  # for YAML inputs: a whole document instead of a value

    def __str__(self) -> str:
        return self.name


HOSTILE_VALUES = [
    Hostile("html", "<b>bold</b> <img src=x onerror=alert('html')>"),
    Hostile("script", "</title><script>alert('script')</script>"),
    Hostile("jinja", "{{ 7*7 }} {% if true %}jinja{% endif %} {# c #}"),
    Hostile("markdown-link", "[click](javascript:alert('md'))"),
    Hostile("javascript-url", "javascript:alert('url')"),
    Hostile("newline", "first line\n\n- INJECTED-LIST\n\n## INJECTED-HEADING {#injected}"),
    Hostile("control-characters", "ctrl\x01char\x1bx\x7f"),
    Hostile("non-utf8", raw=b"caf\xe9 \xff\xfe"),
    # YAML's "\ud800" escape gives Python a lone surrogate, which no UTF-8
    # output can hold; in a Markdown file it can only be invalid bytes.
    Hostile("lone-surrogate", "half \ud800 a pair"),
    Hostile("megabyte", "M" * 1_000_000),
    Hostile("yaml-alias", "&a [*a]", yaml_document=ALIAS_BOMB),
]


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=True)


def write_bytes_in(path: Path, old: str, new: bytes) -> None:
    """Replace ``old`` in a file with raw bytes ``new``."""
    data = path.read_bytes()
    assert old.encode() in data, f"{old!r} is not in {path}"
    path.write_bytes(data.replace(old.encode(), new, 1))


# Each kind puts the value where an editor would, and says which file an error must name.

def file_bytes(value: Hostile) -> bytes | None:
    """The value as it can be in a file that is not YAML: its raw bytes, or
    for text that UTF-8 cannot encode (a lone surrogate) the bytes Python
    would write for it, which are not UTF-8."""
    if value.raw is not None:
        return value.raw
    try:
        value.text.encode("utf-8")
    except UnicodeEncodeError:
        return value.text.encode("utf-8", "surrogatepass")
    return None


def page_text(root: Path, value: Hostile) -> str:
    page = root / "docs" / "en" / "faq.md"
    if file_bytes(value) is not None:
        write_bytes_in(page, "## ", file_bytes(value) + b"\n\n## ")
    else:
        edit(page, "\n## ", f"\n{value.text}\n\n## ")
    return "docs/en/faq.md"


def page_heading(root: Path, value: Hostile) -> str:
    page = root / "docs" / "en" / "faq.md"
    if file_bytes(value) is not None:
        write_bytes_in(page, "# Frequently Asked Questions", b"# Frequently Asked Questions " + file_bytes(value))
    else:
        edit(page, "# Frequently Asked Questions", f"# Frequently Asked Questions {value.text}")
    return "docs/en/faq.md"


def front_matter(root: Path, value: Hostile) -> str:
    page = root / "docs" / "pl" / "faq.md"
    if value.raw is not None:
        write_bytes_in(page, "source_hash:", b"title: " + value.raw + b"\nsource_hash:")
    elif value.yaml_document:
        edit(page, "source_hash:", value.yaml_document + "source_hash:")
    else:
        edit(page, "source_hash:", f"title: {yaml_string(value.text)}\nsource_hash:")
    return "docs/pl/faq.md"


def company_value(root: Path, value: Hostile) -> str:
    config = root / "mkdocs.yml"
    if value.raw is not None:
        write_bytes_in(config, "manager_name: Maya Lindqvist", b"manager_name: " + value.raw)
    elif value.yaml_document:
        edit(config, "    policy:\n", "    " + value.yaml_document.replace("\n", "\n    ").rstrip() + "\n    policy:\n")
    else:
        edit(config, "manager_name: Maya Lindqvist", f"manager_name: {yaml_string(value.text)}")
    return "mkdocs.yml"


def changelog_entry(root: Path, value: Hostile) -> str:
    entry = root / "changes" / "2026-12-hostile.yml"
    head = "date: 2026-12-01\naffects: [faq]\n"
    if value.raw is not None:
        entry.write_bytes(head.encode() + b"summary:\n  en: " + value.raw + b"\n")
    elif value.yaml_document:
        entry.write_text(head + value.yaml_document + "summary:\n  en: *g\n", encoding="utf-8")
    else:
        entry.write_text(f"{head}summary:\n  en: {yaml_string(value.text)}\n", encoding="utf-8")
    return "changes/2026-12-hostile.yml"


def interface_text(root: Path, value: Hostile) -> str:
    table = root / "overrides" / "interface.yml"
    lines = table.read_text(encoding="utf-8").split("\n")
    start = lines.index("feed_title:")
    polish = next(line for line in lines[start:] if line.startswith("  pl: "))
    if value.raw is not None:
        write_bytes_in(table, polish, b"  pl: " + value.raw)
    elif value.yaml_document:
        edit(table, polish, "  pl: *a")
        table.write_text(value.yaml_document + table.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        edit(table, polish, f"  pl: {yaml_string(value.text)}")
    return "overrides/interface.yml"


def redirect(side: str):
    """A redirect whose old (or new) page name is the value."""
    def put(root: Path, value: Hostile) -> str:
        config = root / "mkdocs.yml"
        if value.raw is not None:
            pair = b'"old-page": ' + value.raw if side == "new" else value.raw + b': "scope"'
            write_bytes_in(config, "pages: {}", b"pages: {" + pair + b"}")
        elif value.yaml_document:
            edit(config, "    pages: {}", "    pages: &p {old-page: scope}\n    other: *p")
        else:
            name = yaml_string(value.text)
            edit(config, "pages: {}", "pages: {" + (f'"old-page": {name}' if side == "new" else f'{name}: "scope"') + "}")
        return "mkdocs.yml"
    return put


def section_redirect(root: Path, value: Hostile) -> str:
    config = root / "mkdocs.yml"
    if value.raw is not None:
        write_bytes_in(config, "sections: {}", b"sections: {" + value.raw + b": email-response}")
    else:
        edit(config, "sections: {}", "sections: {" + yaml_string(value.text) + ": email-response}")
    return "mkdocs.yml"


def unit_word(root: Path, value: Hostile) -> str:
    """The Polish word for one hour, which every Polish page with an hours value shows."""
    units = root / "overrides" / "units" / "pl.yml"
    line = "  nominative: {one: godzina, few: godziny, many: godzin, other: godziny}"
    if value.raw is not None:
        write_bytes_in(units, line, b"  nominative: {one: " + value.raw + b", few: godziny, many: godzin, other: godziny}")
    elif value.yaml_document:
        edit(units, line, "  nominative: *a")
        units.write_text(value.yaml_document + units.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        edit(units, line, f"  nominative: {{one: {yaml_string(value.text)}, few: godziny, many: godzin, other: godziny}}")
    return "overrides/units/pl.yml"


INPUT_KINDS: dict[str, Callable[[Path, Hostile], str]] = {
    "page text": page_text,
    "page heading": page_heading,
    "front matter": front_matter,
    "company value": company_value,
    "changelog entry": changelog_entry,
    "interface text": interface_text,
    "redirect, old page": redirect("old"),
    "redirect, new page": redirect("new"),
    "redirect, old section id": section_redirect,
    "unit word": unit_word,
}


def visible_text(site: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in site.rglob("*.html"))


@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=str)
@pytest.mark.parametrize("kind", INPUT_KINDS)
def test_a_hostile_value_gives_a_clear_error_naming_the_file_or_shows_as_text(tmp_path, kind, value):
    root = project_sandbox(tmp_path / "project")
    source = INPUT_KINDS[kind](root, value)
    site = tmp_path / "site"
    try:
        build_site(site, config_file=root / "mkdocs.yml")
    except BuildFailed as failure:
        message = str(failure)
        assert source in message, message[:500]
        assert len(message) < 3000, "the message shows the whole value"
        return
    # Built: the value is text in every output, and everything parses.
    assert problems(site) == []
    assert injected_markup(site) == []
    html = visible_text(site)
    assert "INJECTED-HEADING" not in html or 'id="injected"' not in html
    assert "<li>INJECTED-LIST" not in html and "<p>INJECTED-LIST" not in html
    for language in LANGUAGES:
        assert (site / ("" if language == "en" else language) / "index.html").is_file()


# Version and alias names reach publishing, not the build: each is refused
# before anything is built, with the name cut short, and nothing is published.

@pytest.fixture(scope="module")
def publishing_repo(tmp_path_factory) -> Path:
    return project_repo(tmp_path_factory.mktemp("hostile-names") / "repo")


@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=str)
@pytest.mark.parametrize("role", ["version", "alias"])
def test_a_hostile_version_or_alias_name_is_refused_before_anything_is_built(publishing_repo, role, value):
    name = file_bytes(value) or (value.yaml_document or value.text).encode()
    name = name[:100_000]  # Linux refuses a single argument over 128 KiB before the script starts
    args = [b"deploy", name, b"--alias", b""] if role == "version" else [b"deploy", b"2026.12", b"--alias", name]
    result = subprocess.run([sys.executable.encode(), str(publishing_repo / "scripts" / "publish.py").encode(), *args],
                            cwd=publishing_repo, capture_output=True, timeout=60, env={**os.environ, **GIT_IDENTITY})
    error = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, error
    assert error.startswith("publish: ") and "is not a usable version name" in error, error[:300]
    assert "Traceback" not in error and len(error) < 1000
    assert git(publishing_repo, "branch", "--list").split() == ["*", "main"]  # no gh-pages, no scratch branch
