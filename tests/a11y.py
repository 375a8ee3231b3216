"""Accessibility checks with axe-core, in the real Chromium of the browser tests.

axe-core comes from a pinned PyPI package (``axe-playwright-python`` in
requirements-test.txt ships ``axe.min.js``); its file is injected into the
page under test, so nothing is downloaded when the tests run. Any browser test
can use it for its own widget:

    from a11y import assert_no_serious_violations
    assert_no_serious_violations(page)                       # the whole page
    assert_no_serious_violations(page, include=[".md-select"])  # one widget
    tab_until(page, ".md-select > button")  # keyboard tests: Tab to a control

Only "serious" and "critical" findings fail a test: "minor" and "moderate"
ones are advice that the theme's own markup cannot always follow.
"""

from __future__ import annotations

import json
from pathlib import Path

FAILING_IMPACTS = ("serious", "critical")


def axe_script() -> Path:
    """The bundled axe-core, as installed from requirements-test.txt."""
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


def axe_version(page) -> str:
    inject_axe(page)
    return page.evaluate("axe.version")


def inject_axe(page) -> None:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_script().read_text(encoding="utf-8"))


# Material fades header parts in and out (for example when focus passes the
# search box); axe measuring colour contrast half-way through a fade reports a
# contrast the reader never sees at rest, so finite animations are let finish.
SETTLE_ANIMATIONS = """() => Promise.all(document.getAnimations()
    .filter(animation => Number.isFinite(animation.effect?.getComputedTiming().endTime))
    .map(animation => animation.finished.catch(() => null)))"""


def settle(page) -> None:
    """Wait until the page's finite CSS transitions and animations have ended."""
    page.evaluate(SETTLE_ANIMATIONS)


def run_axe(page, include: list[str] | None = None, exclude: list[str] | None = None) -> dict:
    """Run axe-core on the page at rest (open dialogs included); returns axe's results."""
    inject_axe(page)
    settle(page)
    context = {"include": [[selector] for selector in include or ["html"]],
               "exclude": [[selector] for selector in exclude or []]}
    options = {"resultTypes": ["violations"]}
    return page.evaluate(
        "([context, options]) => axe.run(context, options)", [context, options]
    )


def serious_violations(page, include: list[str] | None = None, exclude: list[str] | None = None) -> list[dict]:
    """axe-core's serious and critical violations on the page (or within ``include``)."""
    results = run_axe(page, include, exclude)
    return [v for v in results["violations"] if v.get("impact") in FAILING_IMPACTS]


def describe(violations: list[dict]) -> str:
    """A readable list for an assertion message: rule, impact, help and the offending elements."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = (node.get("failureSummary") or "").strip().splitlines()
            lines.append(f"    {json.dumps(node['target'])}: {summary[-1].strip() if summary else ''}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_no_serious_violations(page, include: list[str] | None = None, exclude: list[str] | None = None) -> None:
    violations = serious_violations(page, include, exclude)
    assert not violations, f"axe-core found on {page.url}:\n" + describe(violations)


def tab_until(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches ``selector`` (fails after ``limit`` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")
