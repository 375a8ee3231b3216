"""The GitHub workflows pass zizmor's offline audits and keep least privilege."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def test_zizmor_finds_nothing():
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", str(REPO / ".github" / "workflows")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_would_catch_a_broad_permission(tmp_path):
    # Proves the audit above is live: an obviously bad workflow fails it.
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request_target\npermissions: write-all\njobs:\n  x:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - uses: actions/checkout@v4\n      - run: echo ${{ github.event.pull_request.title }}\n"
    )
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run([str(zizmor), "--offline", "--no-progress", str(bad)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "template-injection" in result.stdout + result.stderr


def test_actions_are_pinned_and_permissions_are_read_only_by_default():
    assert WORKFLOWS
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        assert workflow["permissions"] == {"contents": "read"}, path
        for line in path.read_text().splitlines():
            used = re.search(r"uses:\s*(\S+)", line)
            if used:
                assert re.search(r"@[0-9a-f]{40}$", used.group(1)), f"{path}: {line.strip()}"


def test_pull_request_ci_runs_the_readme_test_command():
    test = yaml.safe_load((REPO / ".github" / "workflows" / "test.yml").read_text())
    assert "pull_request" in test[True] and test[True]["push"]["branches"] == ["main"]
    runs = [step.get("run", "") for job in test["jobs"].values() for step in job["steps"]]
    assert "make test" in runs


def test_codeowners_has_one_line_per_language_folder():
    owners = (REPO / ".github" / "CODEOWNERS").read_text()
    for language in ("en", "it", "sl", "nb", "pt", "pl"):
        assert re.search(rf"^/docs/{language}/\s+@\S+$", owners, re.M), language


def load(name):
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text())
    return workflow, workflow[True]  # PyYAML reads the key "on" as True


def run_lines(job):
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_only_deploy_jobs_may_write_and_deploys_never_race():
    writers, issue_writers = {}, {}
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        for name, job in workflow["jobs"].items():
            permissions = job.get("permissions") or {}
            written = {scope for scope, level in permissions.items() if level == "write"}
            if written == {"issues"}:
                issue_writers[f"{path.name}:{name}"] = job
            elif written:
                writers[f"{path.name}:{name}"] = job
        if path.name in ("publish.yml", "preview.yml"):
            assert workflow["concurrency"] == {"group": "gh-pages", "cancel-in-progress": False}, path
    assert sorted(writers) == ["preview.yml:publish-preview", "preview.yml:remove-preview", "publish.yml:deploy"]
    for job in writers.values():
        assert job["permissions"]["contents"] == "write"
        assert "make publish" in run_lines(job) or "make unpublish" in run_lines(job)
        checkout = next(step for step in job["steps"] if "actions/checkout" in step.get("uses", ""))
        assert checkout["with"]["fetch-depth"] == 0  # the changelog reads the whole history
    # Besides them, only the review job writes, and only issues.
    assert sorted(issue_writers) == ["review.yml:overdue-issue"]


def test_a_tag_publishes_latest_and_main_publishes_dev():
    workflow, on = load("publish.yml")
    assert on["push"] == {"branches": ["main"], "tags": ["v*"]}
    script = run_lines(workflow["jobs"]["deploy"])
    assert 'make publish VERSION="${GITHUB_REF_NAME#v}" PUSH=1' in script
    assert "make publish VERSION=dev ALIAS= KIND=development PUSH=1" in script


def test_pull_requests_get_a_hidden_preview_that_is_removed_on_close():
    workflow, on = load("preview.yml")
    assert on["pull_request"]["types"] == ["opened", "synchronize", "reopened", "closed"]
    publish_job, remove_job = workflow["jobs"]["publish-preview"], workflow["jobs"]["remove-preview"]
    assert 'make publish VERSION="pr-${NUMBER}" ALIAS= KIND=preview PUSH=1' in run_lines(publish_job)
    assert "gh pr comment" in run_lines(publish_job)
    assert 'make unpublish VERSION="pr-${NUMBER}" PUSH=1 MISSING_OK=1' in run_lines(remove_job)
    assert "closed" in remove_job["if"] and "!= 'closed'" in publish_job["if"]


def test_pull_requests_check_that_published_links_keep_working():
    workflow, _ = load("test.yml")
    job = workflow["jobs"]["links"]
    assert "make links-check BRANCH=origin/gh-pages" in run_lines(job)
    assert job["steps"][0]["with"]["fetch-depth"] == 0


def test_a_weekly_run_opens_updates_or_closes_one_review_issue():
    workflow, on = load("review.yml")
    assert list(on) == ["schedule", "workflow_dispatch"]
    (schedule,) = on["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit() and minute.isdigit() and hour.isdigit()  # once a week
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert workflow["concurrency"]["cancel-in-progress"] is False  # two runs must not each open an issue
    checkout = next(step for step in job["steps"] if "actions/checkout" in step.get("uses", ""))
    assert checkout["with"]["persist-credentials"] is False
    script = run_lines(job)
    assert "make review-status" in script
    assert "scripts/review_status.py --issue-body" in script
    # One issue, found by its label: edited when it exists, else created; closed when nothing is overdue.
    assert "gh issue list" in script and "--label review-overdue --state open" in script
    assert script.index("gh issue edit") < script.index("gh issue create") < script.index("gh issue close")
    assert "${{" not in script  # values reach the script through env, never pasted into it
