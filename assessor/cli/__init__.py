"""The `assessor` command line: a thin shell over the use-cases."""

from assessor.cli.commands import cli, main

__all__ = ["cli", "main"]
