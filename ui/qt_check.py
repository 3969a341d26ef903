"""Check that this system can run Qt, and say which package to install when it cannot.

Run as `python -m ui.qt_check` (the Makefile does, before starting the app or the tests).
Qt aborts the process when a platform plugin cannot load, so the check starts Qt in a
child process and reads what it printed.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import subprocess
import sys
from collections.abc import Callable

# Shared libraries that PySide6 wheels expect from the system, and the Debian/Ubuntu
# packages that provide them.
PACKAGES = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
}
# What the xcb (X11) platform plugin needs when it fails without naming a library.
XCB_PACKAGES = [
    "libxcb-cursor0",
    "libxkbcommon-x11-0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-image0",
]


def _has_library(name: str) -> bool:
    return ctypes.util.find_library(name) is not None


PROBE = "from PySide6.QtWidgets import QApplication; app = QApplication([]); print('qt-ok')"


def diagnose(output: str, has_library: Callable[[str], bool] = _has_library) -> list[str]:
    """The packages that would fix a failed Qt start, read from what it printed.

    Qt blames xcb-cursor whenever the X11 plugin fails, even when the real cause is that
    there is no display, so a library is only named when it is really missing.
    """
    if "could not connect to display" in output:
        return []
    missing = re.findall(r"(lib[\w.+-]+\.so(?:\.\d+)*): cannot open shared object file", output)
    packages = sorted({PACKAGES.get(name, name) for name in missing})
    # Qt 6.5+ names this one itself: "xcb-cursor0 or libxcb-cursor0 is needed ..."
    if "libxcb-cursor0 is needed" in output and not has_library("xcb-cursor"):
        packages.append("libxcb-cursor0")
    if not packages and 'platform plugin "xcb"' in output:
        packages = XCB_PACKAGES
    return packages


def main() -> int:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
        check=False,
    )
    if result.returncode == 0 and "qt-ok" in result.stdout:
        return 0
    output = result.stdout + result.stderr
    packages = diagnose(output)
    print("Qt cannot start on this system.", file=sys.stderr)
    if packages:
        print("Install what it needs with:", file=sys.stderr)
        print(f"    sudo apt-get install -y {' '.join(packages)}", file=sys.stderr)
    if "could not connect to display" in output or not os.environ.get("DISPLAY"):
        print(
            "No display was found (DISPLAY is not set). Run the app on a desktop, or set "
            "QT_QPA_PLATFORM=offscreen for a headless check.",
            file=sys.stderr,
        )
    print("Qt said:", file=sys.stderr)
    print("    " + "\n    ".join(output.strip().splitlines()[-6:]), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
