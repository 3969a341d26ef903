"""`make run` and `make test` name the package to install when Qt cannot start."""

from __future__ import annotations

import pytest

from ui.qt_check import XCB_PACKAGES, diagnose


@pytest.mark.parametrize(
    ("output", "packages"),
    [
        (
            "ImportError: libEGL.so.1: cannot open shared object file: No such file or directory",
            ["libegl1"],
        ),
        (
            "libGL.so.1: cannot open shared object file\nlibxkbcommon.so.0: cannot open shared "
            "object file",
            ["libgl1", "libxkbcommon0"],
        ),
        (
            "qt.qpa.plugin: From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt "
            'xcb platform plugin.\nCould not load the Qt platform plugin "xcb"',
            ["libxcb-cursor0"],
        ),
        (
            'Could not load the Qt platform plugin "xcb" in "" even though it was found.',
            XCB_PACKAGES,
        ),
        ("something else entirely", []),
    ],
)
def test_names_the_package_that_fixes_the_failure(output: str, packages: list[str]) -> None:
    assert diagnose(output, has_library=lambda _name: False) == packages


def test_a_missing_display_is_not_blamed_on_libraries() -> None:
    output = (
        "qt.qpa.xcb: could not connect to display\nqt.qpa.plugin: From 6.5.0, xcb-cursor0 or "
        "libxcb-cursor0 is needed to load the Qt xcb platform plugin."
    )
    assert diagnose(output, has_library=lambda _name: False) == []


def test_an_installed_xcb_cursor_is_not_asked_for_again() -> None:
    output = "xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin."
    assert diagnose(output, has_library=lambda _name: True) == []
