"""The lock installs exactly its own versions with the oldest pip we support, whatever the index holds.

pip before 23.3 resolved a dependency asked for with an extra (WeasyPrint's
`fonttools[woff]`) to the newest release on the index, ignoring the lock's pin,
and hash-checking mode then refused the whole install (pypa/pip#9644). Such a
failure comes from the registry, not from the project, so these tests build
their own index: every locked wheel, plus a newer release of every locked
package with the same dependencies and extras, and install from it with pip
23.0.1 (Debian 12's) and with the pip this Python's venv brings.
"""

from __future__ import annotations

import email.parser
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import PROJECT, copy_project

OLDEST_PIP = Path(__file__).resolve().parent / "data" / "pip-oldest.txt"
NEWER = "999.0"
LOCK_LINE = re.compile(r"^([A-Za-z0-9._-]+)(\[[^\]]*\])?==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def isolated_pip_environment() -> dict[str, str]:
    """pip with no configuration of this machine's (its extra indexes, find-links, constraints)."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    environment["PIP_CONFIG_FILE"] = os.devnull
    environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    environment.pop("PYTHONPATH", None)
    return environment


def locked_versions(requirements: Path) -> dict[str, str]:
    """Normalised name -> version of every lock entry whose marker applies to this Python."""
    from packaging.markers import Marker

    found = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        match = LOCK_LINE.match(line)
        if not match:
            continue
        name, _extras, version, marker = match.groups()
        if marker and not Marker(marker).evaluate():
            continue
        found[re.sub(r"[-_.]+", "-", name).lower()] = version
    return found


def newer_release_of(wheel: Path, folder: Path) -> Path:
    """A wheel of a release newer than `wheel`, with its dependencies and extras, as an upstream release would be."""
    with zipfile.ZipFile(wheel) as archive:
        metadata_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
    distribution = wheel.name.split("-")[0]
    del metadata["Version"]
    metadata["Version"] = NEWER
    info = f"{distribution}-{NEWER}.dist-info"
    target = folder / f"{distribution}-{NEWER}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(f"{info}/METADATA", metadata.as_string())
        archive.writestr(
            f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        )
        archive.writestr(f"{info}/RECORD", "")
    return target


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    """A local index: the lock's wheels and pip 23.0.1, hashes checked, plus a newer release of each package."""
    folder = tmp_path_factory.mktemp("index")
    # The development lock holds the site's at the same versions.
    for requirements in (PROJECT / "requirements-dev.txt", OLDEST_PIP):
        download = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:"]
            + ["--require-hashes", "-r", str(requirements), "-d", str(folder)],
            env=isolated_pip_environment(),
            capture_output=True,
            text=True,
        )
        assert download.returncode == 0, download.stdout + download.stderr
    for wheel in sorted(folder.glob("*.whl")):
        newer_release_of(wheel, folder)
    return folder


def installed_versions(python: Path) -> dict[str, str]:
    listing = subprocess.run(
        [str(python), "-m", "pip", "list", "--format", "json"], env=isolated_pip_environment(), capture_output=True
    )
    return {re.sub(r"[-_.]+", "-", p["name"]).lower(): p["version"] for p in json.loads(listing.stdout)}


def pip_install_lock(python: Path, index: Path, requirements: Path) -> subprocess.CompletedProcess:
    """`python -m pip install -r requirements.txt`, as the README and the pipelines run it, from the local index."""
    return subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-index", "--find-links", str(index)]
        + ["-r", str(requirements)],
        env=isolated_pip_environment(),
        capture_output=True,
        text=True,
    )


def venv_with_pip(path: Path, index: Path, pip: str) -> Path:
    """A fresh venv with the pip its Python brings, or with pip 23.0.1 (hash-checked, from the local index)."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    python = path / "bin" / "python"
    if pip == "23.0.1":
        downgrade = pip_install_lock(python, index, OLDEST_PIP)
        assert downgrade.returncode == 0, downgrade.stderr
        assert installed_versions(python)["pip"] == "23.0.1"
    return python


@pytest.mark.parametrize("pip", ["23.0.1", "bundled"])
def test_the_lock_installs_its_own_versions_when_newer_releases_exist(index, tmp_path, pip):
    python = venv_with_pip(tmp_path / "venv", index, pip)
    assert any(wheel.name.startswith(f"fonttools-{NEWER}-") for wheel in index.iterdir())

    install = pip_install_lock(python, index, PROJECT / "requirements.txt")

    assert install.returncode == 0, install.stderr
    installed = installed_versions(python)
    locked = locked_versions(PROJECT / "requirements.txt")
    assert {name: installed.get(name) for name in locked} == locked
    assert set(installed) - set(locked) == {"pip"}


def test_the_development_lock_resolves_to_its_own_versions_with_the_oldest_pip(index, tmp_path):
    """What `bash scripts/test` installs: resolved (and hash-checked) as pip 23.0.1 would install it."""
    python = venv_with_pip(tmp_path / "venv", index, "23.0.1")
    report = tmp_path / "report.json"
    resolve = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--dry-run", "--ignore-installed", "--report", str(report)]
        + ["--no-index", "--find-links", str(index), "-r", str(PROJECT / "requirements-dev.txt")],
        env=isolated_pip_environment(),
        capture_output=True,
        text=True,
    )
    assert resolve.returncode == 0, resolve.stderr
    chosen = {
        re.sub(r"[-_.]+", "-", item["metadata"]["name"]).lower(): item["metadata"]["version"]
        for item in json.loads(report.read_text(encoding="utf-8"))["install"]
    }
    assert chosen == locked_versions(PROJECT / "requirements-dev.txt")


def test_a_fresh_venv_with_the_oldest_pip_installs_the_lock_and_builds_the_site(index, tmp_path):
    """`pip install -r requirements.txt && mkdocs build`, as CI services and hosting do, without the package."""
    venv = tmp_path / "venv"
    python = venv_with_pip(venv, index, "23.0.1")
    install = pip_install_lock(python, index, PROJECT / "requirements.txt")
    assert install.returncode == 0, install.stderr
    not_installed = subprocess.run([str(python), "-c", "import actionplan"], cwd=tmp_path, capture_output=True)
    assert not_installed.returncode != 0, "the project's own package must not come from requirements.txt"

    project = copy_project(tmp_path / "project")
    environment = {**isolated_pip_environment(), "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    build = subprocess.run(
        [str(venv / "bin" / "mkdocs"), "build"], cwd=project, env=environment, capture_output=True, text=True
    )
    assert build.returncode == 0, build.stdout + build.stderr
    assert "Åtgärdsplan mot segregation" in (project / "site/index.html").read_text(encoding="utf-8")
    assert (project / "site/2021/atgarder/1-4/index.html").is_file()


def test_the_lock_keeps_every_extra_a_locked_package_asks_for(index):
    """A dependency asked for with an extra is written with it in the lock, so that old pips keep its pin."""
    asked: dict[str, set[str]] = {}
    for wheel in index.glob("*.whl"):  # every wheel of the development lock, the site's included
        if NEWER in wheel.name:
            continue
        with zipfile.ZipFile(wheel) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            metadata = email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))
        for requirement in metadata.get_all("Requires-Dist") or []:
            match = re.match(r"\s*([A-Za-z0-9._-]+)\s*\[([^\]]+)\]", requirement)
            if match and "extra ==" not in requirement:
                key = re.sub(r"[-_.]+", "-", match.group(1)).lower()
                asked.setdefault(key, set()).update(e.strip() for e in match.group(2).split(","))
    for requirements in ("requirements.txt", "requirements-dev.txt"):
        written = {}
        for line in (PROJECT / requirements).read_text(encoding="utf-8").splitlines():
            match = LOCK_LINE.match(line)
            if match:
                extras = {e.strip() for e in (match.group(2) or "[]")[1:-1].split(",") if e.strip()}
                written[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = extras
        for package, extras in asked.items():
            if package in written:
                assert extras <= written[package], f"{requirements}: {package} without [{', '.join(sorted(extras))}]"
