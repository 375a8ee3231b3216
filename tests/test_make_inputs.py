"""CI and make inputs are data, never shell: the real make targets (and the
workflow's own step) get hostile PAGE, BASE, LABELS and BRANCH values in a
copy of the project in a real git repository. Nothing they hold may run, no
file may change, and a bad value gets a clear message without a traceback."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import GIT_IDENTITY, REPO, commit, git, project_repo

MARKER = "INJECTED"  # the file each hostile value tries to create in the project
# Shell (and make) that would create the marker if a value were ever parsed.
SHELL_IN_A_VALUE = [
    f"x'; touch {MARKER}; echo '",
    f'x"; touch {MARKER}; echo "',
    f"$(touch {MARKER})",
    f"`touch {MARKER}`",
    f"x; touch {MARKER}",
    f"x && touch {MARKER} #",
]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The project with its Makefile, on a branch 'feature' that changes a page
    without a changelog entry, forked from 'main' (also as origin/main, as CI has it)."""
    repo = project_repo(tmp_path_factory.mktemp("make-inputs") / "repo")
    for name in ("Makefile", "requirements.txt", "requirements-test.txt", "README.md"):
        (repo / name).write_bytes((REPO / name).read_bytes())
    shared_virtualenv(repo / ".venv")
    (repo / ".git" / "info" / "exclude").write_text(".venv\n__pycache__/\n")
    commit(repo, "Makefile")
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    git(repo, "checkout", "-q", "-b", "feature")
    channels = repo / "docs" / "en" / "channels.md"
    channels.write_text(channels.read_text(encoding="utf-8") + "\nA new rule.\n", encoding="utf-8")
    commit(repo, "A new rule")
    return repo


@pytest.fixture(autouse=True)
def undo_what_a_test_left(project):
    """Each test starts from the committed project (so that one value that
    did run cannot make the others fail)."""
    yield
    (project / MARKER).unlink(missing_ok=True)
    git(project, "checkout", "-q", "--", ".")


def shared_virtualenv(target: Path) -> None:
    """The shared .venv seen through links, with a stamp of its own that is
    newer than the requirements: make never sets it up again (pip would
    install into the shared one)."""
    target.mkdir()
    shared = (REPO / ".venv").resolve()
    for part in ("bin", "lib", "lib64", "include", "pyvenv.cfg"):
        if (shared / part).exists():
            (target / part).symlink_to(shared / part)
    (target / ".installed").touch()


def make(project: Path, target: str, **values: str):
    """``make <target> NAME=value…`` in the project, as a person types it: with
    each $ doubled, as make needs it for the value to arrive as written."""
    assignments = [f"{name}={value.replace('$', '$$')}" for name, value in values.items()]
    return subprocess.run(["make", "--no-print-directory", target, *assignments],
                          cwd=project, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **GIT_IDENTITY})


def assert_nothing_ran_or_changed(project: Path, result) -> None:
    assert not (project / MARKER).exists(), result.stdout + result.stderr
    assert git(project, "status", "--porcelain") == "", "a hostile value changed a file"
    assert "Traceback" not in result.stderr, result.stderr
    assert "Syntax error" not in result.stderr and "unexpected" not in result.stderr, result.stderr


def assert_refused(result, *message_parts: str) -> None:
    assert result.returncode != 0, result.stdout
    for part in message_parts:
        assert part in result.stderr, result.stderr


# make changelog-check LABELS=…

@pytest.mark.parametrize("label", ["won't fix", *SHELL_IN_A_VALUE])
def test_a_label_with_quotes_or_shell_is_only_a_label(project, label):
    result = make(project, "changelog-check", BASE="main", LABELS=json.dumps([label]))
    assert_nothing_ran_or_changed(project, result)
    # The check itself ran and gave its verdict: the page changed without an entry.
    assert result.returncode != 0 and "adds no changelog entry" in result.stderr, result.stderr


def test_the_exempting_label_still_works_beside_hostile_ones(project):
    labels = json.dumps(["won't fix", *SHELL_IN_A_VALUE, "no-changelog"])
    result = make(project, "changelog-check", BASE="main", LABELS=labels)
    assert_nothing_ran_or_changed(project, result)
    assert result.returncode == 0 and "Changelog check passed." in result.stdout, result.stderr


@pytest.mark.parametrize("labels, said", [
    ('["no-changelog"', "is not valid JSON"),
    ("no-changelog", "is not valid JSON"),
    ('{"no-changelog": 1}', "is not a list of label names"),
    ('[["no-changelog"]]', "is not a list of label names"),
])
def test_malformed_labels_get_a_clear_error(project, labels, said):
    result = make(project, "changelog-check", BASE="main", LABELS=labels)
    assert_nothing_ran_or_changed(project, result)
    assert_refused(result, said, """as in LABELS='["no-changelog"]'""")


# make changelog-check BASE=…

@pytest.mark.parametrize("base, said", [
    (f"--output={MARKER}", "starts with '-', which git would read as an option"),
    ("-p", "starts with '-', which git would read as an option"),
    ("", "--base is empty"),
    *[(value, "git cannot compare --base") for value in SHELL_IN_A_VALUE],
    ("no-such-branch", "git cannot compare --base 'no-such-branch' with HEAD"),
])
def test_a_bad_base_is_refused_and_nothing_runs(project, base, said):
    result = make(project, "changelog-check", BASE=base, LABELS="[]")
    assert_nothing_ran_or_changed(project, result)
    assert_refused(result, said, "for example origin/main (make changelog-check BASE=origin/main)")


# The PR check counts the entries the build reads: changes/*.yml.

@pytest.mark.parametrize("entry", ["changes/sub/new-rule.yml", "changes/.yml", "changes/.hidden.yml",
                                   "changes/new-rule.yaml", "docs/changes/new-rule.yml"])
def test_an_entry_the_build_does_not_read_does_not_count(project, entry):
    git(project, "checkout", "-q", "-b", "entry-" + entry.replace("/", "-").replace(".", "_"), "feature")
    try:
        (project / entry).parent.mkdir(parents=True, exist_ok=True)
        (project / entry).write_text("date: 2026-11-20\naffects: [channels]\nsummary: {en: A new rule.}\n")
        commit(project, "An entry in the wrong place")
        result = make(project, "changelog-check", BASE="main")
        assert result.returncode != 0, result.stdout + result.stderr
        assert "adds no changelog entry" in result.stderr
        if entry.startswith("changes/"):
            assert f"{entry}: not read by the build" in result.stderr
    finally:
        git(project, "checkout", "-q", "feature")


def test_an_entry_directly_in_changes_counts(project):
    git(project, "checkout", "-q", "-b", "good-entry", "feature")
    try:
        (project / "changes" / "new-rule.yml").write_text("date: 2026-11-20\naffects: [channels]\nsummary: {en: A new rule.}\n")
        commit(project, "An entry")
        result = make(project, "changelog-check", BASE="main")
        assert result.returncode == 0, result.stderr
    finally:
        git(project, "checkout", "-q", "feature")


# The workflow's own step, with the values GitHub would put in its environment.

def changelog_step():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "test.yml").read_text())
    return next(step for step in workflow["jobs"]["changelog"]["steps"] if "changelog-check" in step.get("run", ""))


def run_step(project: Path, step: dict, values: dict[str, str]):
    """The step's run script in bash, as GitHub runs it (bash -e), its env
    filled in with ``values`` for the ${{ … }} expressions it names."""
    env = {name: values[name] for name in step["env"]}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          cwd=project, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **GIT_IDENTITY, **env})


def test_the_workflow_step_passes_labels_and_branch_as_data(project):
    step = changelog_step()
    assert "${{" not in step["run"], "an expression in run: is pasted into the script"
    # Make expands what is given on its command line; labels must not go there.
    assert "LABELS=" not in step["run"]
    hostile = [*SHELL_IN_A_VALUE, f"$(shell touch {MARKER})", "won't fix"]
    # toJSON() as GitHub writes it: indented JSON.
    labels = json.dumps(hostile, indent=2)
    result = run_step(project, step, {"BASE_REF": "main", "LABELS": labels})
    assert_nothing_ran_or_changed(project, result)
    assert result.returncode != 0 and "adds no changelog entry" in result.stderr, result.stderr
    exempt = run_step(project, step, {"BASE_REF": "main", "LABELS": json.dumps([*hostile, "no-changelog"], indent=2)})
    assert_nothing_ran_or_changed(project, exempt)
    assert exempt.returncode == 0, exempt.stderr
    shell_in_branch = run_step(project, step, {"BASE_REF": f"$(shell touch {MARKER})x", "LABELS": "[]"})
    assert_nothing_ran_or_changed(project, shell_in_branch)
    assert_refused(shell_in_branch, "git cannot compare --base 'origin/$(shell touch INJECTED)x'")


# make links-check BRANCH=…

@pytest.mark.parametrize("branch", [f"--output={MARKER}", "-p"])
def test_a_branch_starting_with_a_dash_is_refused(project, branch):
    result = make(project, "links-check", BRANCH=branch)
    assert_nothing_ran_or_changed(project, result)
    assert_refused(result, "--branch", "starts with '-', which git would read as an option",
                   "make links-check BRANCH=origin/gh-pages")


@pytest.mark.parametrize("branch", SHELL_IN_A_VALUE)
def test_a_branch_with_shell_in_it_is_only_a_name(project, branch):
    result = make(project, "links-check", BRANCH=branch)
    assert_nothing_ran_or_changed(project, result)
    # No such branch: nothing published there to compare with.
    assert result.returncode == 0 and f"no published version on {branch} to compare with" in result.stdout


# make translated PAGE=…

@pytest.mark.parametrize("page", ["pl/../../README", "pl/../en/channels", "..", "pl/..", "./pl/channels",
                                  "/etc/passwd", str(REPO / "docs" / "pl" / "channels"), "pl//channels",
                                  "pl\\..\\..\\README"])
def test_translated_refuses_a_page_outside_docs(project, page):
    result = make(project, "translated", PAGE=page)
    assert_nothing_ran_or_changed(project, result)
    assert_refused(result, f"{page!r} is not a page under docs/",
                   "without a leading '/', '.' or '..', as in PAGE=pl/channels")


@pytest.mark.parametrize("page", [f"pl/{value}" for value in SHELL_IN_A_VALUE])
def test_translated_takes_shell_in_a_page_name_as_a_name(project, page):
    result = make(project, "translated", PAGE=page)
    assert_nothing_ran_or_changed(project, result)
    assert_refused(result, "does not exist; translate it first.")


def test_translated_without_a_page_says_how(project):
    result = make(project, "translated")
    assert_nothing_ran_or_changed(project, result)
    assert_refused(result, "no page given: name the translation to mark, as in PAGE=pl/channels")


def test_translated_still_marks_a_page(project):
    polish = project / "docs" / "pl" / "channels.md"
    try:
        result = make(project, "translated", PAGE="pl/channels")
        assert result.returncode == 0, result.stderr
        assert "docs/pl/channels.md: up to date with docs/en/channels.md" in result.stdout
        assert git(project, "status", "--porcelain").split() == ["M", "docs/pl/channels.md"]
    finally:
        git(project, "checkout", "--", str(polish))
