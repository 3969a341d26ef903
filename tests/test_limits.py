"""The bounds and the character rule (`assessor.limits`), strict JSON
(`assessor.json_input`) and the reading of input files (`assessor.input_files`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessor.errors import InputError
from assessor.input_files import read_bytes
from assessor.json_input import load_json
from assessor.limits import (
    ID_MAX,
    NAME_MAX,
    NESTING_MAX,
    NOTE_MAX,
    identifier,
    multi_line,
    nesting,
    number,
    one_line,
    timestamp,
)

CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))]


@pytest.mark.parametrize(
    ("check", "given", "kept"),
    [
        (identifier, " cro ", "cro"),
        (one_line, "  Acme\tCorp\r\nLtd \x1b[31m", "Acme Corp  Ltd [31m"),
        (one_line, "Zoë\u2028Weiß", "Zoë Weiß"),
        (one_line, "\u202eRTL marks stay", "\u202eRTL marks stay"),
        (multi_line, "line\r\nline\rline\n\ttab\x00\x07\x9b", "line\nline\nline\n\ttab"),
        (multi_line, "  kept as typed  ", "  kept as typed  "),
    ],
)
def test_the_character_rule_keeps_text_as_stated(check: object, given: str, kept: str) -> None:
    assert check(given) == kept  # type: ignore[operator]


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda: identifier("   "), "must not be blank"),
        (lambda: identifier("cro\x1b"), "control character U+001B"),
        (lambda: identifier("r" * (ID_MAX + 1), "respondent"), "respondent: at most 100"),
        (lambda: identifier("a\udcff"), "\\udcff at character 2"),
        (lambda: one_line("\t\n"), "must not be blank"),
        (lambda: one_line("t" * (NAME_MAX + 1), "title"), "title: at most 200 characters"),
        (lambda: multi_line("n" * (NOTE_MAX + 1), "note"), "note: at most 20,000 characters"),
        (lambda: multi_line("\ud800"), "not valid text"),
        (lambda: number(10**16), "numbers go up to 1e15"),
        (lambda: number(10**400), "numbers go up to 1e15"),
        (lambda: number(float("nan")), "not a usable number"),
        (lambda: timestamp("2026-02-30"), "not a time in ISO 8601"),
        (lambda: nesting([[[1]]], 2, "client.extra"), "client.extra[0][0]: lists and objects"),
    ],
)
def test_what_is_refused_is_named(call: object, says: str) -> None:
    with pytest.raises(InputError) as refused:
        call()  # type: ignore[operator]
    assert says in str(refused.value)


TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=50)


@settings(max_examples=200)
@given(TEXT)
def test_what_is_kept_is_kept_again_and_holds_no_control_character(text: str) -> None:
    for check, allowed in ((one_line, ""), (multi_line, "\n\t")):
        try:
            kept = check(text)
        except InputError:
            continue
        assert check(kept) == kept  # the rule is applied once: export and import agree
        assert not [c for c in kept if c in CONTROLS and c not in allowed]
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in kept)


@settings(max_examples=200)
@given(TEXT)
def test_an_id_kept_is_kept_again(text: str) -> None:
    try:
        kept = identifier(text)
    except InputError:
        return
    assert identifier(kept) == kept
    assert 1 <= len(kept) <= ID_MAX


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"a": 1, "a": 2}', "the key 'a' appears twice"),
        ("[" + "9" * 41 + "]", "at most 40 characters; this one has 41"),
        ('{\n  "a": [1,\n    ' + "9" * 41 + "]}", "(999999999999...) at line 3, column 5"),
        ("[" + "9" * 4301 + "]", "this one has 4,301"),
        ("[1e400000000000000000000000000000000000000]", "at most 40 characters"),
        ("[NaN]", "NaN is not a number JSON allows"),
        ("[-Infinity]", "-Infinity is not a number JSON allows"),
        ("[" * 60_000 + "]" * 60_000, f"nest more than {NESTING_MAX} levels"),
        ("[" * 40 + "]" * 40, f"nest at most {NESTING_MAX} levels"),
        ('{"\\ud800": 1}', "\\ud800 at character 1"),
        ('["ok", "\\udcff"]', "[1]: is not valid text"),
        ("[1,]", "not JSON: Expecting value at line 1, column 4"),
    ],
)
def test_json_from_outside_is_refused_by_its_rules(text: str, says: str) -> None:
    with pytest.raises(InputError) as refused:
        load_json(text)
    assert says in str(refused.value)


def test_json_within_the_rules_reads_as_json() -> None:
    assert load_json('{"a": [1, 2.5, "x", null, true], "b": {"c": -0.0}}') == {
        "a": [1, 2.5, "x", None, True],
        "b": {"c": -0.0},
    }


def test_input_files_are_read_whole_when_regular_and_small(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"x" * 300_000)
    assert read_bytes(path, 300_000) == b"x" * 300_000
    with pytest.raises(InputError, match=r"the file is 0\.3 MB; logos are at most 0\.2 MB"):
        read_bytes(path, 200_000, "logos")


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.mkdir(), "is a folder, not a file"),
        (lambda p: p.symlink_to("/dev/null"), "links to a character device, not a file"),
        (lambda p: p.symlink_to(p.parent / "gone"), "is a link to a file that is gone"),
        (lambda p: None, "no such file"),
        pytest.param(
            os.mkfifo if hasattr(os, "mkfifo") else None, "is a FIFO (named pipe), not a file",
            marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here"),
        ),
    ],
)  # fmt: skip
def test_what_is_not_a_regular_file_is_named_never_read(
    tmp_path: Path, make: object, says: str
) -> None:
    path = tmp_path / "input"
    make(path)  # type: ignore[operator]
    with pytest.raises(InputError) as refused:
        read_bytes(path, 1024)
    assert str(refused.value) == says
