"""Editors' commands print the build's own lines, never the tools' English notices (Material's end-of-life banner)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from helpers import PROJECT, copy_project

# Words of Material's banner (material/templates/__init__.py) and MkDocs 2.0's notice.
NOTICES = ("end of life", "Zensical", "MkDocs 2.0", "NO_MKDOCS_2_WARNING")


def editor_environment() -> dict[str, str]:
    """The environment of an editor's terminal: nothing set that silences the tools."""
    environment = {key: value for key, value in os.environ.items() if key != "NO_MKDOCS_2_WARNING"}
    environment.pop("PYTHONPATH", None)
    return environment


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_preview_shows_the_build_log_but_no_end_of_life_banner():
    port = free_port()
    process = subprocess.Popen(
        ["bash", "scripts/serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=PROJECT,
        env=editor_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, process.stdout.read().decode()
            assert time.monotonic() < deadline, "the preview did not answer within 120 s"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert "Åtgärdsplan mot segregation" in response.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(0.5)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode("utf-8")
    for notice in NOTICES:
        assert notice not in output, output
    assert "Serving on" in output, "IT still sees the build's own log lines"


def test_publish_prints_no_end_of_life_banner(tmp_path):
    project = copy_project(tmp_path / "project")
    command = Path(sys.executable).parent / "atgardsplan"
    result = subprocess.run(
        [str(command), "--root", str(project), "publish", "--to", str(tmp_path / "webb")],
        env=editor_environment(),
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    for notice in NOTICES:
        assert notice not in result.stdout + result.stderr
