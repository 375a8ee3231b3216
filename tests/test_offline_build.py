"""A build asks nothing of the network (the security review's "Network"):
the real site, built with the mkdocs command as an editor runs it, in a
network namespace of its own where one can be made (``unshare -rn``: no
interface but a loopback that is down), and always with a Python audit hook
that records every connection or name lookup the build's process tries."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO
from site_outputs import problems

# Runs mkdocs with an audit hook: each attempt to reach another machine is
# written to the file named first, and the attempt goes on (and fails
# without a network), so the build's own reaction shows too.
AUDITED_MKDOCS = """
import json, socket, sys
record = open(sys.argv.pop(1), "a", encoding="utf-8")
WATCHED = {"socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
           "socket.gethostbyname", "socket.gethostbyaddr", "urllib.Request"}
def audit(event, args):
    if event not in WATCHED:
        return
    if event.startswith("socket.send") or event == "socket.connect":
        if args[0].family == socket.AF_UNIX:
            return
    record.write(json.dumps([event, repr(args)[:300]]) + "\\n")
    record.flush()
sys.addaudithook(audit)
from mkdocs.__main__ import cli
sys.argv[0] = "mkdocs"
cli()
"""


def network_namespace_works() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    return subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0


def test_a_whole_build_makes_no_connection_and_needs_no_network(tmp_path):
    attempts = tmp_path / "attempts.jsonl"
    attempts.touch()
    site = tmp_path / "site"
    command = [sys.executable, "-c", AUDITED_MKDOCS, str(attempts), "build", "--strict", "-d", str(site)]
    isolated = network_namespace_works()
    if isolated:
        command = ["unshare", "-rn", *command]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    tried = [json.loads(line) for line in attempts.read_text(encoding="utf-8").splitlines()]
    assert tried == [], f"the build tried to reach the network: {tried[:5]}"
    assert (site / "index.html").is_file() and (site / "pl" / "channels" / "index.html").is_file()
    assert problems(site) == []
    # Where the machine allows a namespace, the build above had no network at
    # all, which also covers what its child processes (git) might have tried.
    print(f"built {'without any network (unshare -rn)' if isolated else 'with the audit hook only'}")
