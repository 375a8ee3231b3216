"""Make sure the browser tests have a Chromium, or say how to get one.

A system Chromium (Debian's ``chromium``) is used when present, so no browser
is downloaded. Without one, Playwright's own Chromium is installed where the
network allows. Otherwise this fails: the browser tests are never skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

# How the browser tests and make bench launch Chromium: headless, offline.
BROWSER_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def system_chromium() -> str | None:
    override = os.environ.get("CHROMIUM")
    if override:
        return override if os.access(override, os.X_OK) else None
    for name in SYSTEM_CHROMIUMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def playwright_chromium() -> str | None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if path and os.path.exists(path) else None


def main() -> int:
    if system_chromium() or playwright_chromium():
        return 0
    print("No system Chromium found; trying Playwright's own Chromium…", flush=True)
    result = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"])
    if result.returncode == 0 and playwright_chromium():
        return 0
    print(
        "error: the browser tests need Chromium and none could be found or installed.\n"
        "  On Debian or Ubuntu: sudo apt-get install chromium\n"
        "  Elsewhere: install Chromium or Chrome and put it on PATH, or set CHROMIUM=/path/to/chromium,\n"
        "  or run '.venv/bin/python -m playwright install chromium' where the network allows.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
