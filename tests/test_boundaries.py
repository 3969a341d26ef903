"""The core stays free of Qt, so everything the app does can be done headless."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import PROJECT_ROOT

CORE = PROJECT_ROOT / "assessor"


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = sorted(
        ".".join(("assessor", *p.relative_to(CORE).with_suffix("").parts)).removesuffix(".__init__")
        for p in CORE.rglob("*.py")
        if p.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6', 'ui'}]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_no_core_module_mentions_qt_or_eval() -> None:
    for path in CORE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "PySide6" not in text, path
        assert "eval(" not in text.replace("evaluate(", ""), path
