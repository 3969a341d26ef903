"""What the command line prints: text safe for a terminal, and errors on one line.

Names, titles and ids come from users and files, and a terminal obeys the control
characters in what it prints: an escape sequence in a client's name could recolour the
screen, rewrite its title or hide what follows. Every line the command line prints goes
through `echo`, which shows such characters as escapes instead (`\\x1b`), and keeps every
message to stderr on one line; JSON goes
through `json_text`, which writes them as JSON escapes, so the JSON means the same.
"""

from __future__ import annotations

import json
import re

import click

# C0 controls but the line feed, DEL, C1 controls, the line and paragraph separators
# (which break a line where a reader does not expect it), the bidirectional overrides and
# isolates (which reorder what follows them), and lone surrogates (not text at all).
_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# What JSON output may hold raw: json.dumps escapes C0 controls itself.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (a file name, an argument)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """`text` with every character a terminal would obey shown as an escape."""
    return _UNSAFE.sub(_escaped, text)


def echo(text: str = "", err: bool = False) -> None:
    """Print text made safe for the terminal. A message to stderr is one line, always:
    a line feed in it (a file name's, an exception's) shows as `\\n`."""
    shown = safe(text)
    click.echo(shown.replace("\n", "\\n") if err else shown, err=err)


def json_text(value: object) -> str:
    """JSON for the terminal: the same document, with control and reordering characters
    written as `\\u` escapes."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def error_line(error: click.ClickException) -> str:
    """A click error (a bad argument, a missing option) as one line, with where to look."""
    message = error.format_message()
    if isinstance(error, click.UsageError) and error.ctx is not None:
        message += f" (see '{error.ctx.command_path} --help')"
    return f"error: {message}"
