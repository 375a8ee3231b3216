"""make serve: the playbook at http://127.0.0.1:8000, the edited page reloaded
about a second after each save, and a failed build shown on the page.

    python scripts/serve.py [--language pl] [--addr 127.0.0.1:8000] [--config mkdocs.yml]

On a save of one page (docs/<lang>/<page>.md), that page alone is built
first, in this process (scripts/preview_build.py), written if it changed, and
the browsers showing it reload. A whole build follows in a child process
(killed if the next save comes first) and brings every other output up to
date, writing only the files whose bytes changed. Any other change (mkdocs.yml,
overrides/, changes/, a page added or removed) gets a whole build; a change to
hooks/ restarts this process, so that the hooks' modules are read anew.

When a build fails, every page served shows the messages (file, line, fix)
in a box over the out-of-date page (overrides/partials/preview-error.html),
until a build succeeds. ``--language pl`` builds Polish and the default
language (the site's root) only.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "scripts"), str(REPO / "hooks")]

import preview_build  # noqa: E402
from preview_build import BuildFailed, PageCache, Problem  # noqa: E402

CLIENT_SCRIPT = Path(__file__).with_name("preview_client.js")
OVERLAY_TEMPLATE = "partials/preview-error.html"
WAIT_SECONDS = 20          # a browser's long poll is answered at the latest after this
SETTLE_SECONDS = 0.03      # editors save in several steps (write, rename): take them as one
WATCHED = ("docs", "overrides", "changes", "hooks")
IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".pyc")
EMPTY_PAGE = b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Preview</title></head><body></body></html>"


# What the browsers are told -------------------------------------------------------

def version_of(data: bytes | None) -> str:
    """What a browser's copy of a file is told apart by: its checksum ("missing": none)."""
    return "missing" if data is None else format(zlib.crc32(data), "08x")


class PreviewState:
    """The served files and the problems of the last build, which browsers wait on."""

    def __init__(self, root: Path, site: Path):
        self.root, self.site = root, site
        self.changed = threading.Condition()
        self.problems: list[Problem] = []
        self.problems_version = 0
        self.problems_from: str | None = None  # the page whose build failed, or None (a whole build)
        self.instance = secrets.token_hex(4)
        self._overlay = None

    def files_changed(self, names: list[str]) -> None:
        if names:
            with self.changed:
                self.changed.notify_all()

    def version(self, name: str | None) -> str:
        if name is None:  # an address outside the site: never a file
            return version_of(None)
        try:
            return version_of((self.site / name).read_bytes())
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return version_of(None)

    def failed(self, problems: list[Problem], page: str | None = None) -> None:
        with self.changed:
            self.problems, self.problems_from = problems, page
            self.problems_version += 1
            self.changed.notify_all()
        print("The build failed:\n" + "\n".join(f"  {p.text}" for p in problems), file=sys.stderr, flush=True)

    def succeeded(self, page: str | None = None) -> None:
        """A build succeeded: a whole one clears every problem, a page's only its own."""
        with self.changed:
            if self.problems and (page is None or page == self.problems_from):
                self.problems, self.problems_from = [], None
                self.problems_version += 1
                self.changed.notify_all()

    def overlay(self) -> str | None:
        if not self.problems:
            return None
        if self._overlay is None:
            import jinja2

            loader = jinja2.FileSystemLoader(str(self.root / "overrides"))
            self._overlay = jinja2.Environment(loader=loader, autoescape=True, auto_reload=True)
        return self._overlay.get_template(OVERLAY_TEMPLATE).render(problems=self.problems)

    def wait(self, name: str, version: str, problems: int, instance: str) -> dict:
        """Answer a browser's long poll: reload (its copy of the page is not the
        file now), or the problems' box to show (None: none)."""
        deadline = time.monotonic() + WAIT_SECONDS
        with self.changed:
            while True:
                if instance != self.instance or self.version(name) != version:
                    return {"reload": True}
                if problems != self.problems_version or time.monotonic() >= deadline:
                    return {"reload": False, "problems": str(self.problems_version), "overlay": self.overlay()}
                self.changed.wait(max(0.0, deadline - time.monotonic()))


def page_file(url_path: str) -> str | None:
    """The built file an address serves: ``/pl/channels/`` -> ``pl/channels/index.html``.
    None for an address that would leave the site (``/../x``, ``/%2e%2e/x``):
    a browser tidies dots away, so only a hostile client sends them."""
    parts = unquote(url_path).split("/")
    if any(part in (".", "..") or "\\" in part or "\0" in part for part in parts):
        return None
    name = "/".join(part for part in parts if part)
    return name + "/index.html" if name and url_path.endswith("/") else name or "index.html"


def sync(source: Path, target: Path, delete: bool) -> list[str]:
    """Copy the files of ``source`` whose bytes differ into ``target``; with
    ``delete``, remove those ``source`` lacks. Returns the names changed."""
    changed = []
    seen = set()
    for path in source.rglob("*"):
        if not path.is_file():
            continue
        name = path.relative_to(source).as_posix()
        seen.add(name)
        destination = target / name
        data = path.read_bytes()
        if destination.is_file() and destination.stat().st_size == len(data) and destination.read_bytes() == data:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        temporary = destination.with_name(destination.name + ".preview-tmp")
        temporary.write_bytes(data)
        os.replace(temporary, destination)  # a browser never reads half a file
        changed.append(name)
    if delete:
        for path in list(target.rglob("*")):
            name = path.relative_to(target).as_posix()
            if path.is_file() and name not in seen:
                path.unlink()
                changed.append(name)
    return changed


# Serving -----------------------------------------------------------------------

def make_server(state: PreviewState, site: Path, host: str, port: int):
    import http.server

    client = CLIENT_SCRIPT.read_bytes()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, *args):
            pass

        def end_headers(self):
            self.send_header("Cache-Control", "no-cache")  # a reload asks again (unchanged files: 304)
            super().end_headers()

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path == "/.preview/client.js":
                return self.reply(200, "text/javascript; charset=utf-8", client)
            if url.path == "/.preview/wait":
                query = {key: values[0] for key, values in parse_qs(url.query).items()}
                try:
                    answer = state.wait(page_file(query.get("path", "/")), query.get("version", ""),
                                        int(query.get("problems", "-1")), query.get("instance", ""))
                except ValueError:
                    return self.reply(400, "text/plain; charset=utf-8", b"bad query")
                return self.reply(200, "application/json", json.dumps(answer).encode())
            name = page_file(url.path)
            if name is not None and (site / name).is_dir():  # /pl/channels without its slash
                self.send_response(301)
                self.send_header("Location", f"/{name}/")  # not url.path: //pl would leave the host
                self.end_headers()
                return None
            if name is None or name.endswith(".html"):
                return self.html_page(name)
            return super().do_GET()

        def html_page(self, name: str | None):
            """The page ``name`` (None: an address outside the site), or its 404 page."""
            problems = state.problems_version
            try:
                if name is None:
                    raise FileNotFoundError
                html = (site / name).read_bytes()
                status, version = 200, version_of(html)
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                language = (name or "").partition("/")[0]
                status, version = 404, version_of(None)  # reloads once the page is built
                found = next((p for p in (site / language / "404.html", site / "404.html") if p.is_file()), None)
                html = found.read_bytes() if found is not None else EMPTY_PAGE
            self.reply(status, "text/html; charset=utf-8", inject(html, version, problems))

        def reply(self, status: int, content_type: str, body: bytes):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def inject(html: bytes, version: str, problems: int) -> bytes:
        overlay = state.overlay() or ""
        tag = (f'{overlay}<script src="/.preview/client.js" data-version="{version}" '
               f'data-problems="{problems}" data-instance="{state.instance}"></script>')
        head, marker, tail = html.rpartition(b"</body>")
        return head + tag.encode() + marker + tail if marker else html + tag.encode()

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            # A browser that left mid-answer (a reload ends its long poll) is
            # no error of the preview's, whichever write it broke; others are.
            if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
                super().handle_error(request, client_address)

    server = Server((host, port), Handler)
    server.daemon_threads = True
    return server


# Building ------------------------------------------------------------------------

class Builder:
    """Builds on every change: the edited page first, then the whole site."""

    def __init__(self, config_file: Path, work: Path, languages: list[str] | None):
        self.config_file, self.languages = config_file, languages
        self.root = config_file.parent
        self.site, self.staging, self.pages = work / "site", work / "staging", work / "page"
        self.site.mkdir(parents=True, exist_ok=True)
        self.state = PreviewState(self.root, self.site)
        self.cache = PageCache(self.root)
        self.changes: queue.Queue[str] = queue.Queue()
        self.whole: subprocess.Popen | None = None
        self.whole_lock = threading.Lock()
        self.started = "serve"  # MkDocs' on_startup, once per process

    def docs_page(self, path: str) -> str | None:
        """``pl/channels.md`` for an existing page under docs/, else None."""
        try:
            relative = Path(path).resolve().relative_to((self.root / "docs").resolve())
        except ValueError:
            return None
        return relative.as_posix() if relative.suffix == ".md" and len(relative.parts) == 2 else None

    def served(self, page: str) -> bool:
        return not self.languages or preview_build.language_of(page) in self.languages \
            or preview_build.language_of(page) == self.default_language()

    def default_language(self) -> str:
        from site_config import site_languages

        return site_languages(self.config_file)[1]

    def build_whole_here(self) -> None:
        """A whole build in this process (keeps every page in the cache)."""
        shutil.rmtree(self.staging, ignore_errors=True)
        started, self.started = self.started, None
        try:
            preview_build.full_build(self.config_file, self.staging, self.languages, self.cache, started)
        except BuildFailed as error:
            self.state.failed(error.problems)
            return
        self.publish_whole()
        print("The whole site is up to date.", flush=True)

    def publish_whole(self) -> None:
        self.state.files_changed(sync(self.staging, self.site, delete=True))
        self.state.succeeded()

    def build_page(self, page: str) -> bool:
        """Build one page first; False when it failed."""
        shutil.rmtree(self.pages, ignore_errors=True)
        start = time.perf_counter()
        try:
            written = preview_build.page_build(self.config_file, self.pages, page, self.cache, self.languages)
        except BuildFailed as error:
            self.state.failed(error.problems, page)
            return False
        name = written.relative_to(self.pages).as_posix()
        target = self.site / name
        if not (target.is_file() and target.read_bytes() == written.read_bytes()):
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(target.name + ".preview-tmp")
            shutil.copyfile(written, temporary)
            os.replace(temporary, target)
            self.state.files_changed([name])
        self.state.succeeded(page)
        print(f"Built docs/{page} in {time.perf_counter() - start:.2f} s; now the rest of the site…", flush=True)
        return True

    def start_whole_elsewhere(self) -> None:
        """A whole build in a child process; published when it finishes, unless the next change comes first."""
        command = [sys.executable, str(Path(__file__).resolve()), "build", "--config", str(self.config_file),
                   "--site", str(self.staging)]
        if self.languages:
            command += ["--language", *self.languages]
        shutil.rmtree(self.staging, ignore_errors=True)
        # At a lower priority: the browser reloading the edited page comes first.
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, preexec_fn=lambda: os.nice(10))
        with self.whole_lock:
            self.whole = process

        def finish():
            output, _ = process.communicate()
            with self.whole_lock:
                if self.whole is not process:  # stopped for a newer change
                    return
                self.whole = None
                if process.returncode == 0:
                    self.publish_whole()
                    print("The whole site is up to date.", flush=True)
                else:
                    try:
                        problems = [Problem(**item) for item in json.loads(output)]
                    except ValueError:  # it stopped on something else: its traceback is in the terminal
                        problems = [Problem(f"The whole build stopped (exit status {process.returncode}); "
                                            "the terminal running make serve shows why.")]
                    self.state.failed(problems)

        threading.Thread(target=finish, daemon=True).start()

    def stop_whole(self) -> None:
        with self.whole_lock:
            process, self.whole = self.whole, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def take_changes(self) -> set[str]:
        changed = {self.changes.get()}
        while True:
            try:
                changed.add(self.changes.get(timeout=SETTLE_SECONDS))
            except queue.Empty:
                return changed

    def run(self) -> None:
        self.guarded(self.build_whole_here)
        while True:
            changed = self.take_changes()
            self.stop_whole()
            if any(Path(path).resolve().is_relative_to((self.root / "hooks").resolve()) for path in changed):
                print("hooks/ changed: restarting the preview…", flush=True)
                shutil.rmtree(self.site.parent, ignore_errors=True)  # the new process makes its own
                os.execv(sys.executable, [sys.executable, *sys.argv])
            self.guarded(lambda: self.rebuild(changed))

    def guarded(self, work) -> None:
        """Run ``work``; an error that is not a build failure (a bug in a hook)
        is shown like one, and the next save is built again."""
        try:
            work()
        except Exception as error:  # noqa: BLE001 - the preview must outlive it
            import traceback

            traceback.print_exc()
            self.state.failed([Problem(f"The build stopped on an error in the code: {type(error).__name__}: "
                                       f"{error} (the terminal running make serve shows where).")])

    def rebuild(self, changed: set[str]) -> None:
        """One page or several saved: those first, then the whole site; anything else: the whole site."""
        pages = [self.docs_page(path) for path in changed]
        if all(pages) and all((self.root / "docs" / page).is_file() for page in pages):
            served = [page for page in dict.fromkeys(pages) if self.served(page)]
            if all(self.build_page(page) for page in served) and served:
                self.start_whole_elsewhere()
        else:
            self.build_whole_here()

def watch(builder: Builder) -> None:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    root = builder.root.resolve()

    class Changes(FileSystemEventHandler):
        def on_any_event(self, event):
            if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                return
            for path in filter(None, (event.src_path, getattr(event, "dest_path", ""))):
                name = os.path.basename(path)
                if name.startswith(".") or name.endswith(IGNORED_SUFFIXES) or "__pycache__" in path:
                    continue
                if Path(path).parent.resolve() == root and name != builder.config_file.name:
                    continue
                builder.changes.put(path)

    observer = Observer()
    for folder in WATCHED:
        if (root / folder).is_dir():
            observer.schedule(Changes(), str(root / folder), recursive=True)
    observer.schedule(Changes(), str(root), recursive=False)
    observer.daemon = True
    observer.start()


def serve(config_file: Path, host: str, port: int, languages: list[str] | None) -> int:
    from bench import scratch_folder  # in memory when there is room: the whole builds write every file

    with scratch_folder("playbook-preview-", ignore_cleanup_errors=True) as work:
        builder = Builder(config_file, Path(work), languages)
        state = builder.state
        try:
            server = make_server(state, builder.site, host, port)
        except OSError as error:
            print(f"error: cannot serve on {host}:{port}: {error.strerror}. Is another make serve running? "
                  f"Stop it, or choose another port: make serve PORT=8001.", file=sys.stderr)
            return 1
        # Stopped by a signal (a test, make bench, a closed terminal): still remove the scratch folder.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        watch(builder)
        threading.Thread(target=builder.run, daemon=True).start()
        print(f"Serving the playbook at http://{host}:{port}/ (Ctrl+C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            builder.stop_whole()
            server.server_close()
            # A page build may still be writing there: what it adds meanwhile goes too.
            shutil.rmtree(work, ignore_errors=True)
    return 0


def whole_build(config_file: Path, site: Path, languages: list[str] | None) -> int:
    """The child process of a whole build: the problems as JSON on failure."""
    import logging

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        preview_build.full_build(config_file, site, languages)
    except BuildFailed as error:
        print(json.dumps([vars(p) for p in error.problems]))
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", default="serve", choices=["serve", "build"])
    parser.add_argument("--config", default=str(REPO / "mkdocs.yml"))
    parser.add_argument("--addr", default="127.0.0.1:8000", help="host:port (keep it 127.0.0.1: the preview is yours)")
    parser.add_argument("--language", nargs="*", default=None, help="build these languages (and the default) only")
    parser.add_argument("--site", help="build: where to write the site")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config_file = Path(args.config).resolve()
    languages = [code for code in (args.language or []) if code] or None
    if args.command == "build":
        return whole_build(config_file, Path(args.site), languages)
    from site_config import site_languages

    known = site_languages(config_file)[0]
    unknown = [code for code in languages or [] if code not in known]
    if unknown:
        print(f"error: {config_file.name} has no language {', '.join(unknown)}. "
              f"Use one of: {', '.join(known)} (make serve LANG={known[-1]}).", file=sys.stderr)
        return 2
    host, _, port = args.addr.rpartition(":")
    if not port.isdigit():
        print(f"error: --addr {args.addr!r} is not host:port. Write it as 127.0.0.1:8000.", file=sys.stderr)
        return 2
    return serve(config_file, host or "127.0.0.1", int(port), languages)


if __name__ == "__main__":
    sys.exit(main())
