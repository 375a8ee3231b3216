"""make serve (scripts/serve.py, scripts/preview_build.py): the page built
alone is the page a whole build writes, a failed build is shown on the page
with its file and line until the next good save, and only changed outputs
are rewritten. Real builds, a real server and a real Chromium."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib
from pathlib import Path

import pytest

from a11y import assert_no_serious_violations
from conftest import REPO, assert_no_address_leaves_the_site, build_site, edit, project_sandbox, raw_get
from html_pages import page_file
from preview_build import BuildFailed, PageCache, full_build, page_build
from serve import sync

SERVE = REPO / "scripts" / "serve.py"
OVERLAY = "#playbook-preview-error"
# Hostile edits, written before looking at what the build makes of them.
RAW_HTML = ("Klienci mogą", "Klienci <b>mogą</b>")       # refused with file and line
NEW_TEXT = ("Klienci mogą", "Klienci (zmiana w podglądzie, {{ company.sla.email_reply_hours }}) mogą")


def output_name(src_uri: str) -> str:
    language, _, name = src_uri.partition("/")
    return page_file(Path("."), name[: -len(".md")], language).as_posix()


def test_a_page_built_alone_is_the_page_a_whole_build_writes(tmp_path):
    root = project_sandbox(tmp_path / "project")
    config = root / "mkdocs.yml"
    cache = PageCache(root)
    full_build(config, tmp_path / "before", cache=cache)
    edit(root / "docs" / "pl" / "channels.md", *NEW_TEXT)
    edit(root / "docs" / "pl" / "channels.md", "# Poziomy usług", "# Poziomy usług (nowy tytuł)")
    # The edited page; the print page, which gathers every page (the edited one
    # from the page build before, the rest from the cache); an English page.
    # The changelog, which lists the edited page's title.
    pages = ["pl/channels.md", "pl/print.md", "en/faq.md", "pl/changelog.md"]
    alone = {src: page_build(config, tmp_path / f"alone-{n}", src, cache) for n, src in enumerate(pages)}
    whole = build_site(tmp_path / "whole", config_file=config)
    for n, (src, written) in enumerate(alone.items()):
        assert written == tmp_path / f"alone-{n}" / output_name(src)
        expected = (whole / output_name(src)).read_text(encoding="utf-8")
        assert written.read_text(encoding="utf-8") == expected, src
        # A page build writes its page and nothing else.
        assert [p for p in (tmp_path / f"alone-{n}").rglob("*") if p.is_file()] == [written]
    assert "zmiana w podglądzie" in (whole / output_name("pl/channels.md")).read_text(encoding="utf-8")
    assert "Poziomy usług (nowy tytuł)" in (whole / output_name("pl/print.md")).read_text(encoding="utf-8")

def test_a_bad_edit_fails_the_page_build_with_file_line_and_fix_and_writes_nothing(tmp_path):
    root = project_sandbox(tmp_path / "project")
    cache = PageCache(root)
    line = edit(root / "docs" / "pl" / "channels.md", *RAW_HTML)
    with pytest.raises(BuildFailed) as failure:
        page_build(root / "mkdocs.yml", tmp_path / "site", "pl/channels.md", cache)
    [problem] = failure.value.problems
    assert (problem.file, problem.line) == ("docs/pl/channels.md", line)
    assert "raw HTML (<b>)" in problem.text and "write it in Markdown" in problem.text
    assert not (tmp_path / "site").exists()


def test_a_whole_build_rewrites_only_the_files_that_changed(tmp_path):
    root = project_sandbox(tmp_path / "project")
    served = tmp_path / "served"
    served.mkdir()
    full_build(root / "mkdocs.yml", tmp_path / "first")
    assert len(sync(tmp_path / "first", served, delete=True)) > 500
    short_link = next((served / "go").rglob("index.html"))
    before = {p: p.stat().st_mtime_ns for p in served.rglob("*") if p.is_file()}
    edit(root / "docs" / "pl" / "channels.md", *NEW_TEXT)
    full_build(root / "mkdocs.yml", tmp_path / "second")
    changed = sync(tmp_path / "second", served, delete=True)
    assert "pl/channels/index.html" in changed
    assert short_link.relative_to(served).as_posix() not in changed
    assert short_link.stat().st_mtime_ns == before[short_link]
    untouched = [p for p in before if p.relative_to(served).as_posix() not in changed]
    assert len(untouched) > 500 and all(p.stat().st_mtime_ns == before[p] for p in untouched)
    assert (served / "pl/channels/index.html").read_bytes() == (tmp_path / "second/pl/channels/index.html").read_bytes()


# The server ------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def preview_server(root: Path, *args: str):
    port = free_port()
    log = open(root / "serve.log", "w", encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(SERVE), "--config", str(root / "mkdocs.yml"),
                                "--addr", f"127.0.0.1:{port}", *args], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # the first whole build, on a busy machine
        while True:
            assert process.poll() is None, (root / "serve.log").read_text(encoding="utf-8")
            # Every page is there (a page answering is not enough: the first
            # whole build is still being copied into place while some already are).
            if "The whole site is up to date." in (root / "serve.log").read_text(encoding="utf-8"):
                with contextlib.suppress(OSError):
                    if b"/.preview/client.js" in urllib.request.urlopen(f"{url}/pl/channels/", timeout=5).read():
                        break
            assert time.monotonic() < deadline, "the preview did not start:\n" + (root / "serve.log").read_text()
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_a_bad_save_is_shown_on_the_page_and_the_next_good_save_removes_it(tmp_path, page, browser):
    root = project_sandbox(tmp_path / "project")
    source = root / "docs" / "pl" / "channels.md"
    original = source.read_text(encoding="utf-8")
    with preview_server(root) as url:
        page.goto(f"{url}/pl/channels/")
        assert page.locator(OVERLAY).count() == 0
        line = edit(source, *RAW_HTML)
        overlay = page.locator(OVERLAY)
        overlay.wait_for(state="visible", timeout=30_000)
        assert overlay.locator(".playbook-preview-error__file").inner_text() == "docs/pl/channels.md"
        assert overlay.locator(".playbook-preview-error__line").inner_text() == str(line)
        assert "write it in Markdown" in overlay.locator(".playbook-preview-error__message").inner_text()
        # The box has the keyboard: it is focused, and the out-of-date page behind takes no focus.
        assert page.evaluate("document.activeElement.id") == "playbook-preview-error"
        for _ in range(3):
            page.keyboard.press("Tab")
            assert page.evaluate("!document.activeElement.closest('[inert]')")
        assert_no_serious_violations(page, include=[OVERLAY])
        # A page opened while the build is broken says so too.
        other = browser.new_page()
        other.goto(f"{url}/pl/faq/")
        assert other.locator(OVERLAY).is_visible()
        other.close()
        # The next good save: the page reloads with the edit, and the box is gone.
        with page.expect_navigation(timeout=30_000):
            source.write_text(original.replace(*NEW_TEXT), encoding="utf-8")
        page.wait_for_load_state()
        assert page.locator(OVERLAY).count() == 0
        assert "zmiana w podglądzie" in page.locator("article").inner_text()
        assert page.evaluate("document.querySelectorAll('[inert]').length") == 0


def test_reverting_a_bad_save_removes_the_box_without_a_change_to_the_page(tmp_path, page):
    root = project_sandbox(tmp_path / "project")
    source = root / "docs" / "pl" / "channels.md"
    original = source.read_text(encoding="utf-8")
    with preview_server(root) as url:
        page.goto(f"{url}/pl/channels/")
        edit(source, *RAW_HTML)
        page.locator(OVERLAY).wait_for(state="visible", timeout=30_000)
        source.write_text(original, encoding="utf-8")
        page.locator(OVERLAY).wait_for(state="detached", timeout=30_000)
        assert page.evaluate("document.querySelectorAll('[inert]').length") == 0


@pytest.mark.parametrize("args, expected", [
    (["--language", "xx"], "mkdocs.yml has no language xx. Use one of: en, it, sl, nb, pt, pl"),
    (["--addr", "localhost"], "--addr 'localhost' is not host:port. Write it as 127.0.0.1:8000."),
])
def test_bad_serve_options_are_refused_with_the_fix(args, expected):
    result = subprocess.run([sys.executable, str(SERVE), *args], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_busy_port_is_refused_with_the_fix():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, str(SERVE), "--addr", f"127.0.0.1:{port}"],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}" in result.stderr and "make serve PORT=" in result.stderr
    assert "Traceback" not in result.stderr


def test_one_language_is_served_with_the_default_and_nothing_else(tmp_path):
    root = project_sandbox(tmp_path / "project")
    with preview_server(root, "--language", "pl") as url:
        for path in ("/pl/channels/", "/channels/"):
            assert urllib.request.urlopen(url + path, timeout=30).status == 200
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "/it/channels/", timeout=30)
        assert missing.value.code == 404


def test_make_serve_takes_the_language_from_its_command_line_not_the_locale():
    def serve_command(*args: str, **env: str) -> str:
        result = subprocess.run(["make", "-n", "serve", *args], cwd=REPO, capture_output=True, text=True,
                                env={**os.environ, **env}, timeout=60)
        assert result.returncode == 0, result.stderr
        return next(line for line in result.stdout.splitlines() if "scripts/serve.py" in line)

    assert serve_command("LANG=pl").endswith("scripts/serve.py --addr 127.0.0.1:8000 --language pl")
    assert serve_command("PORT=8001").rstrip().endswith("scripts/serve.py --addr 127.0.0.1:8001")
    assert "--language" not in serve_command(LANG="en_US.UTF-8")


BROKEN_HOOK = '''def on_page_markdown(markdown, **kwargs):
    if "BREAK-THE-HOOK" in markdown:
        raise RuntimeError("a hook that breaks on purpose")
    return markdown
'''


def fetched(url: str, wanted: bool, text: str, timeout: float = 60) -> str:
    """The page at ``url`` once ``text`` is (``wanted``) or is not in it."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            html = urllib.request.urlopen(url, timeout=30).read().decode()
        except urllib.error.HTTPError as error:
            html = error.read().decode()
        if (text in html) == wanted or time.monotonic() > deadline:
            return html
        time.sleep(0.2)


def test_an_error_in_a_hooks_code_is_shown_and_the_preview_builds_the_next_save(tmp_path):
    root = project_sandbox(tmp_path / "project")
    (root / "breaking_hook.py").write_text(BROKEN_HOOK, encoding="utf-8")
    edit(root / "mkdocs.yml", "hooks:\n", "hooks:\n  - breaking_hook.py\n")
    source = root / "docs" / "pl" / "channels.md"
    original = source.read_text(encoding="utf-8")
    with preview_server(root) as url:
        edit(source, "Klienci mogą", "Klienci BREAK-THE-HOOK mogą")
        html = fetched(f"{url}/pl/channels/", True, 'id="playbook-preview-error"')
        assert "RuntimeError: a hook that breaks on purpose" in html
        source.write_text(original.replace(*NEW_TEXT), encoding="utf-8")
        html = fetched(f"{url}/pl/channels/", False, 'id="playbook-preview-error"')
        assert 'id="playbook-preview-error"' not in html and "zmiana w podglądzie" in html


def test_no_address_reads_a_file_outside_the_built_site(tmp_path):
    root = project_sandbox(tmp_path / "project")
    with preview_server(root) as url:
        secret = assert_no_address_leaves_the_site(url, tmp_path)
        # The reload poll does not compare the browser's copy with a file
        # outside the site either: with the planted file's own checksum, a
        # poll that read it would wait instead of answering "reload".
        checksum = format(zlib.crc32(secret.read_bytes()), "08x")
        status, body, _ = raw_get(url, f"/.preview/wait?path=/../../../../../../../../../../../..{secret}"
                                    f"&version={checksum}&problems=0&instance=x")
        assert status == 200 and json.loads(body)["reload"] is True
        assert raw_get(url, "/pl/channels/")[0] == 200  # the site itself is still served
        # A folder without its slash is sent to the same host, whatever the address's slashes.
        assert raw_get(url, "//pl")[::2] == (301, "/pl/")
