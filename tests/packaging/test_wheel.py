"""The program as installers ship it: a wheel in a fresh environment, run from elsewhere.

Builds the wheel from a copy of the checkout (no build isolation, so no network), installs
it into a new virtual environment whose only other packages are this environment's
dependencies, and runs the command line from a folder outside the checkout.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import time
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis",
    ".import_linter_cache", "tests", "bench",
)  # fmt: skip


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh environment with the wheel installed."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(PROJECT_ROOT, source, ignore=IGNORED)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(root / "dist"), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (root / "dist").glob("*.whl")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # The dependencies come from this environment; its .pth files (the editable install
    # of the checkout) are not processed from a folder named in another .pth file.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python.parent


def run(bin_dir: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "ASSESSOR_DB"}}
    env["ASSESSOR_DATA_DIR"] = str(tmp_path / "data")
    return subprocess.run(
        [str(bin_dir / "assessor"), *args],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_wheel_carries_the_content_and_resources(installed: Path) -> None:
    (wheel,) = installed.parent.parent.glob("dist/*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for expected in (
        "assessor/bundled/compliance-regulation.yaml",
        "assessor/bundled/frameworks/eu-ai-act.yaml",
        "assessor/bundled/profiles/finance.yaml",
        "assessor/bundled/calendar/regulatory-calendar.yaml",
        "assessor/bundled_resources/styles/app.qss",
        "assessor/bundled_resources/icons/app.svg",
        "assessor/bundled_resources/fonts/NotoSans-Regular.ttf",
        "assessor/bundled_resources/fonts/OFL.txt",
        "assessor/bundled_docs/methodology.md",
        "assessor/bundled_docs/questionnaire-format.md",
        "assessor/bundled_docs/assessment-file.md",
        "assessor/bundled_docs/examples/example.yaml",
    ):
        assert expected in names


def test_the_installed_help_finds_the_docs(installed: Path, tmp_path: Path) -> None:
    """Help › Methodology reads the docs from the installed package, not the checkout."""
    found = subprocess.run(
        [str(installed / "python"), "-c",
         "from assessor.paths import bundled_docs; print(bundled_docs() / 'methodology.md')"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert str(installed.parent) in found
    assert Path(found).read_text(encoding="utf-8").startswith("# Methodology")


def test_validate_and_demo_work_from_another_folder(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [str(installed / "python"), "-c", "import assessor; print(assessor.__file__)"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert str(installed.parent) in where  # the installed copy, not the checkout

    validated = run(installed, tmp_path, "validate")
    assert validated.returncode == 0, validated.stderr
    assert "compliance-regulation" in validated.stdout
    assert len(validated.stdout.splitlines()) == 6

    demo = run(installed, tmp_path, "demo")
    assert demo.returncode == 0, demo.stderr
    assessment = demo.stdout.strip()
    roadmap = run(installed, tmp_path, "roadmap", assessment)
    assert roadmap.returncode == 0, roadmap.stderr
    assert "Now (0-3 months)" in roadmap.stdout
    frameworks = run(installed, tmp_path, "frameworks", "list")
    assert "eu-ai-act" in frameworks.stdout
    report = run(installed, tmp_path, "report", assessment, "-o", str(tmp_path / "r.pdf"))
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_the_installed_app_starts_on_a_fresh_store_with_the_sample(
    installed: Path, tmp_path: Path
) -> None:
    """The GUI entry point, from another folder: it creates the store, puts the sample
    assessment in it, and keeps running until it is stopped."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "ASSESSOR_DB"}}
    env |= {"ASSESSOR_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen(
        [str(installed / "ai-readiness-assessor")], cwd=elsewhere, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    database = tmp_path / "data" / "assessor.sqlite"
    titles: list[str] = []
    deadline = time.monotonic() + 60
    while not titles and time.monotonic() < deadline and app.poll() is None:
        time.sleep(0.3)
        if database.exists():
            try:  # read-only: the app owns the store, and may still be creating it
                with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
                    titles = [row[0] for row in db.execute("SELECT title FROM assessments")]
            except sqlite3.Error:
                titles = []
    running = app.poll() is None
    app.terminate()
    _, errors = app.communicate(timeout=30)
    assert running, f"the app stopped: {errors}"
    assert titles == ["AI readiness review 2026"]
