"""The `assessor` command line: a thin shell over the core's use-cases.

Each command parses its arguments, calls the core, and prints. Errors a user can cause
(`AssessorError`) become one line on stderr and a non-zero exit; nothing prints a
traceback unless ASSESSOR_DEBUG is set.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from assessor import __version__
from assessor.content import (
    load_content,
    load_installed_content,
    validation_summary,
)
from assessor.errors import AssessorError, Problem
from assessor.frameworks import FrameworkIndex, import_catalogue
from assessor.paths import AppPaths
from assessor.questionnaire import Questionnaire


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assessor")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """AI Readiness Assessor: assess, score and plan an organisation's AI readiness."""
    ctx.obj = AppPaths.from_environment()


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def validate(app_paths: AppPaths, paths: tuple[Path, ...]) -> None:
    """Check questionnaire files (default: the bundled ones and your own folder).

    Prints one line per valid questionnaire, or every problem as path:line: message
    and exits 1.
    """
    if paths:
        content = load_content(
            paths, FrameworkIndex(app_paths.frameworks), bundled=[app_paths.content_dir]
        )
    else:
        content = load_installed_content(app_paths)
    if content.problems:
        for problem in content.problems:
            click.echo(_show_problem(problem))
        files = len({p.path for p in content.problems})
        click.echo(
            f"{len(content.problems)} problem(s) in {files} file(s); "
            f"{len(content.loaded)} questionnaire(s) valid.",
            err=True,
        )
        sys.exit(1)
    if not content.loaded:
        click.echo("No questionnaires found.", err=True)
        return
    for item in content.loaded:
        click.echo(validation_summary(item))


def _show_problem(problem: Problem) -> str:
    path = problem.path
    try:
        relative = os.path.relpath(path)
        shown = relative if not relative.startswith("..") else str(path)
    except ValueError:  # another drive on Windows
        shown = str(path)
    return str(Problem(Path(shown), problem.line, problem.message))


@cli.command()
@click.argument("kind", type=click.Choice(["questionnaire"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of a file format, for editors and other tools."""
    models = {"questionnaire": Questionnaire}
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **models[kind].model_json_schema(),
    }
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


@cli.group()
def frameworks() -> None:
    """The framework catalogue that questionnaires cite."""


@frameworks.command("list")
@click.pass_obj
def frameworks_list(app_paths: AppPaths) -> None:
    """List the frameworks a reference may name, with their number of items."""
    index = FrameworkIndex(app_paths.frameworks)
    for key in index.framework_keys():
        catalogue = index.framework(key)
        active = sum(1 for e in catalogue.entries if e.status is None)
        click.echo(f"{key:<15} {active:>5} items  {catalogue.title}")


@frameworks.command("import")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.pass_obj
def frameworks_import(app_paths: AppPaths, source: Path) -> None:
    """Rebuild the bundled catalogue from a folder of reference files (maintainers)."""
    for key, count in import_catalogue(source, app_paths.frameworks):
        click.echo(f"{key:<15} {count:>5} entries")


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `assessor` script."""
    try:
        cli.main(args=argv, prog_name="assessor", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except AssessorError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    except OSError as error:
        click.echo(
            f"error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), err=True
        )
        sys.exit(1)
    except Exception as error:
        if os.environ.get("ASSESSOR_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(error).__name__}: {error} (set ASSESSOR_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(70)


if __name__ == "__main__":
    main()
