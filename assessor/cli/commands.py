"""The `assessor` command line: a thin shell over the core's use-cases.

Each command parses its arguments, calls the core, and prints. Errors a user can cause
(`AssessorError`) become one line on stderr and a non-zero exit; nothing prints a
traceback unless ASSESSOR_DEBUG is set.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import click
from pydantic import BaseModel

from assessor import __version__
from assessor.cli.arguments import (
    ANSWER,
    ID,
    NOTE,
    OPTIONAL_ID,
    PASSWORD,
    RECORD_ID,
    ROADMAP_ACTION,
    ROADMAP_TEXT,
)
from assessor.cli.terminal import echo, error_line, json_text
from assessor.content.questionnaire import Questionnaire
from assessor.errors import AssessorError, Problem, count_problems
from assessor.exchange.assessment_file import AssessmentFile
from assessor.exchange.handoff import PackFile, ResponsesFile
from assessor.exchange.json_views import deadline_text, plan_json, scorecard_json, summary_json
from assessor.library.frameworks import UnknownReference, import_catalogue
from assessor.library.installed import Library, load_library
from assessor.library.questionnaires import (
    LoadedQuestionnaire,
    installed_frameworks,
    load_installed_content,
)
from assessor.paths import AppPaths
from assessor.report.branding import load_branding
from assessor.scoring.answers import parse_command_line_answer
from assessor.scoring.roadmap import DEFAULT_CAPACITY, PHASE_TITLES, PHASES, Phase
from assessor.scoring.scorecard import LEVEL_NAMES, Scorecard
from assessor.store.database import Store
from assessor.usecases.answering import question_of, record_answer, scorecard
from assessor.usecases.assessments import upgrade_questionnaires
from assessor.usecases.demo import create_demo
from assessor.usecases.handoff import import_file, save_export, save_pack
from assessor.usecases.reporting import write_report
from assessor.usecases.roadmap_edits import add_custom_item, edit_item, plan_for, remove_item
from assessor.usecases.sharing import save_anonymised, save_responses_csv
from assessor.usecases.transfer import save_roadmap


@dataclass(frozen=True)
class Session:
    """What every command needs: where things are, and which database to use."""

    paths: AppPaths
    db_path: Path

    def open(self) -> tuple[Store, Library]:
        library = load_library(self.paths)
        return Store(self.db_path), library


DB_HELP = (
    "The assessment database (default: in your data folder; or set ASSESSOR_DB). "
    "Accepted before or after the command name."
)


def _db_given_after_the_command(ctx: click.Context, _param: object, value: Path | None) -> None:
    if value is not None and isinstance(ctx.obj, Session):
        ctx.obj = replace(ctx.obj, db_path=value)


class _Command(click.Command):
    """A command that also takes the global `--db` after its name, with the same meaning."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(
            click.Option(
                ["--db"],
                type=click.Path(dir_okay=False, path_type=Path),
                expose_value=False,
                callback=_db_given_after_the_command,
                help=DB_HELP,
            )
        )


class _Group(click.Group):
    command_class = _Command
    group_class = type  # subgroups are _Groups too, so their commands take --db


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assessor")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="ASSESSOR_DB",
    help=DB_HELP,
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """AI Readiness Assessor: assess, score and plan an organisation's AI readiness.

    Global options (--db) may be given before or after the command name.
    """
    paths = AppPaths.from_environment()
    if paths.warning and db is None:  # a moved data folder that is not there
        click.echo(f"warning: {paths.warning}", err=True)
    ctx.obj = Session(paths, db or paths.database)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def validate(session: Session, paths: tuple[Path, ...]) -> None:
    """Check questionnaire files (default: the bundled ones and your own folder, with your
    frameworks and target profiles).

    Prints one line per valid questionnaire, or every problem as path:line: message
    and exits 1.
    """
    app_paths = session.paths
    library = load_library(app_paths) if not paths else None
    content = library.content if library else load_installed_content(app_paths, paths)
    problems = list(content.problems)
    if library is not None:
        problems.extend(library.profiles.problems)
    if problems:
        for problem in problems:
            echo(_show_problem(problem))
        for path in sorted(content.partial):
            echo(
                f"{_shown(path)}: more checks (the format's own rules, links between files) "
                "run once these are fixed; more problems may follow",
                err=True,
            )
        files = len({p.path for p in problems})
        echo(
            f"{count_problems(problems):,} problem(s) in {files} file(s); "
            f"{len(content.loaded)} questionnaire(s) valid.",
            err=True,
        )
        sys.exit(1)
    if not content.loaded:
        echo("No questionnaires found.", err=True)
        return
    for item in content.loaded:
        echo(_summary(item))
    for profile_id, path in library.profiles.replaced if library else ():
        echo(f"profile {profile_id}: your {_shown(path)} replaces the bundled profile")


def _summary(item: LoadedQuestionnaire) -> str:
    """One line per valid questionnaire."""
    qn = item.questionnaire
    return f"{qn.id}  {qn.version}  {qn.title}  ({len(qn.scored_questions)} scored questions)"


def _show_problem(problem: Problem) -> str:
    return str(Problem(Path(_shown(problem.path)), problem.line, problem.message))


def _shown(path: Path) -> str:
    """A path relative to the working folder when it is inside it, else as it is."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return relative if not relative.startswith("..") else str(path)


@cli.command()
@click.argument("kind", type=click.Choice(["questionnaire", "assessment", "pack", "responses"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of a file format, for editors and other tools."""
    models: dict[str, type[BaseModel]] = {
        "questionnaire": Questionnaire,
        "assessment": AssessmentFile,
        "pack": PackFile,
        "responses": ResponsesFile,
    }
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **models[kind].model_json_schema(),
    }
    echo(json_text(document))


@cli.group()
def frameworks() -> None:
    """The framework catalogue that questionnaires cite."""


@frameworks.command("list")
@click.pass_obj
def frameworks_list(session: Session) -> None:
    """List the frameworks a reference may name, with their number of items."""
    index = installed_frameworks(session.paths)
    for key in index.framework_keys():
        source = index.source(key)
        try:
            catalogue = index.framework(key)
        except UnknownReference as error:
            echo(f"{key:<15} {'-':>5}        {error}  [{_shown(Path(source))}]")
            continue
        active = sum(1 for e in catalogue.entries if e.status is None)
        where = "" if source == "bundled" else f"  [yours: {_shown(Path(source))}]"
        echo(f"{key:<15} {active:>5} items  {catalogue.title}{where}")


@frameworks.command("import")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.pass_obj
def frameworks_import(session: Session, source: Path) -> None:
    """Rebuild the bundled catalogue from a folder of reference files (maintainers)."""
    for key, count in import_catalogue(source, session.paths.frameworks):
        echo(f"{key:<15} {count:>5} entries")


# --- Assessments -------------------------------------------------------------------


@cli.command()
@click.pass_obj
def demo(session: Session) -> None:
    """Create a complete sample assessment and print its id."""
    store, library = session.open()
    with store:
        echo(str(create_demo(store, library).value))


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def import_command(session: Session, file: Path) -> None:
    """Import an assessment file, open a questionnaire pack, or merge a responses file;
    print the assessment's id (what was merged, and what was not, goes to stderr)."""
    store, library = session.open()
    with store:
        imported = import_file(store, library, file).value
    echo(str(imported.assessment_id))
    if imported.kind != "assessment":
        for line in imported.lines:
            echo(line, err=True)


@cli.command()
@click.argument("assessment_id", type=RECORD_ID)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--anonymise", is_flag=True,
              help="Replace names and free text by placeholders; the scores stay.")  # fmt: skip
@click.option("--csv", "as_csv", is_flag=True,
              help="Write every answer as CSV, one row per question and respondent.")  # fmt: skip
@click.pass_obj
def export(
    session: Session, assessment_id: int, output: Path, anonymise: bool, as_csv: bool
) -> None:
    """Write an assessment to a file another machine can import (the responses file, for
    one opened from a pack), an anonymised one, or every answer as CSV."""
    if anonymise and as_csv:
        raise click.UsageError("--anonymise and --csv do not go together; choose one")
    store, _library = session.open()
    with store:
        if as_csv:
            rows = save_responses_csv(store, assessment_id, output)
            echo(f"{output}: {rows:,} answer{'' if rows == 1 else 's'} written", err=True)
        elif anonymise:
            save_anonymised(store, assessment_id, output)
            echo(f"{output}: anonymised assessment file written", err=True)
        else:
            exported = save_export(store, assessment_id, output)
            if exported.kind != "assessment":
                echo(exported.line, err=True)


@cli.command()
@click.argument("assessment_id", type=RECORD_ID)
@click.option("--respondent", required=True, type=ID, help="The participant's id.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.pass_obj
def pack(session: Session, assessment_id: int, respondent: str, output: Path) -> None:
    """Write a questionnaire pack for one participant to answer offline on their own
    computer (`assessor import PACK` there)."""
    store, _library = session.open()
    with store:
        echo(save_pack(store, assessment_id, respondent, output).line, err=True)


@cli.command()
@click.argument("assessment_id", type=RECORD_ID)
@click.argument("question_id", type=ID)
@click.argument("answer", required=False, type=ANSWER)
@click.option("--respondent", default="", type=OPTIONAL_ID,
              help="The respondent's id (default: none).")  # fmt: skip
@click.option("--note", default="", type=NOTE, help="A note kept with the answer.")
@click.option("--flag", is_flag=True, help="Flag the answer for follow-up.")
@click.option("--agreed", is_flag=True, help="Record the facilitator's agreed answer.")
@click.option("--clear", is_flag=True, help="Make the question unanswered again (kept as history).")
@click.pass_obj
def answer(
    session: Session,
    assessment_id: int,
    question_id: str,
    answer: str | None,
    respondent: str,
    note: str,
    flag: bool,
    agreed: bool,
    clear: bool,
) -> None:
    """Record one answer: an option id, ids separated by commas, a number, a text,
    n/a or dont_know; or --clear it."""
    if clear == (answer is not None):
        raise click.UsageError("give an ANSWER, or --clear, but not both")
    store, library = session.open()
    with store:
        raw = None
        if answer is not None:
            raw = parse_command_line_answer(
                question_of(store, assessment_id, question_id), answer
            ).raw
        record_answer(
            store,
            library,
            assessment_id,
            question_id,
            raw,
            respondent=respondent,
            note=note,
            flagged=flag,
            agreed=agreed,
        )


@cli.command()
@click.argument("assessment_id", type=RECORD_ID)
@click.pass_obj
def upgrade(session: Session, assessment_id: int) -> None:
    """Move an assessment to the installed questionnaire versions; answers carry over
    by question id."""
    store, library = session.open()
    with store:
        result = upgrade_questionnaires(store, library, assessment_id).value
    if not result.upgraded:
        echo("Already on the installed versions.")
    for questionnaire, old, new in result.upgraded:
        echo(f"{questionnaire}: {old} -> {new}")
    for question_id in result.answers_not_carried:
        echo(f"{question_id}: the answer does not fit the new version; answer it again")


@cli.command()
@click.argument("assessment_id", type=RECORD_ID)
@click.option("--json", "as_json", is_flag=True, help="Print the items as JSON.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the plan to a .csv or .xlsx file.")  # fmt: skip
@click.option("--capacity", type=click.IntRange(1, 100), default=DEFAULT_CAPACITY,
              show_default=True, help="Items per phase before overflow moves on.")  # fmt: skip
@click.pass_obj
def roadmap(
    session: Session, assessment_id: int, as_json: bool, output: Path | None, capacity: int
) -> None:
    """Show the phased roadmap that closes the assessment's gaps."""
    store, library = session.open()
    with store:
        if output is not None:
            save_roadmap(store, library, assessment_id, output, capacity)
            return
        plan = plan_for(store, library, assessment_id, capacity)
    if as_json:
        echo(json_text(plan_json(plan)))
        return
    if plan.message:
        echo(plan.message)
    for phase in PHASES:
        items = [p for p in plan.visible() if p.item.phase == phase]
        if not items:
            continue
        echo(PHASE_TITLES[phase])
        for p in items:
            marks = "".join(
                [" [quick win]" if p.item.quick_win else "", " [blocker]" if p.item.blocker else "",
                 " [enabling]" if p.item.enabling else "",
                 f" [{p.status}]" if p.status != "generated" else ""]
            )  # fmt: skip
            echo(f"  {p.id:<26} {p.item.title} ({p.item.owner}; {p.item.effort}){marks}")
            deadline = p.item.deadline
            if deadline is not None:
                when = (
                    "in force" if deadline.in_force else f"due by {PHASE_TITLES[deadline.due_by]}"
                )
                echo(f"  {'':<26} {when}: {deadline_text(deadline)}")


@cli.command("roadmap-edit")
@click.argument("assessment_id", type=RECORD_ID)
@click.argument("item_id", type=ID)
@click.option("--phase", type=click.Choice(PHASES))
@click.option("--owner", type=ROADMAP_TEXT)
@click.option("--title", type=ROADMAP_TEXT)
@click.option("--action", "actions", multiple=True, type=ROADMAP_ACTION,
              help="Replace the actions (repeat).")  # fmt: skip
@click.option("--hide/--show", default=None)
@click.option("--remove", is_flag=True, help="Remove a custom or no-longer-triggered item.")
@click.pass_obj
def roadmap_edit(
    session: Session,
    assessment_id: int,
    item_id: str,
    phase: str | None,
    owner: str | None,
    title: str | None,
    actions: tuple[str, ...],
    hide: bool | None,
    remove: bool,
) -> None:
    """Change a roadmap item: move it, change owner or text, hide it, or remove it."""
    store, library = session.open()
    with store:
        if remove:
            remove_item(store, library, assessment_id, item_id)
            return
        edit_item(
            store, library, assessment_id, item_id, phase=phase, owner=owner, title=title,
            actions=list(actions) if actions else None, hidden=hide,
        )  # fmt: skip


@cli.command("roadmap-add")
@click.argument("assessment_id", type=RECORD_ID)
@click.option("--title", required=True, type=ROADMAP_TEXT)
@click.option("--phase", type=click.Choice(PHASES), required=True)
@click.option("--owner", required=True, type=ROADMAP_TEXT)
@click.option("--action", "actions", multiple=True, type=ROADMAP_ACTION)
@click.option("--effort", type=click.Choice(["S", "M", "L"]), default="M")
@click.option("--impact", type=click.Choice(["low", "medium", "high"]), default="medium")
@click.option("--depends-on", "depends_on", multiple=True, type=ID)
@click.pass_obj
def roadmap_add(
    session: Session, assessment_id: int, title: str, phase: Phase, owner: str,
    actions: tuple[str, ...], effort: str, impact: str, depends_on: tuple[str, ...],
) -> None:  # fmt: skip
    """Add an item of your own to the roadmap; prints its id."""
    store, library = session.open()
    with store:
        added = add_custom_item(
            store, library, assessment_id, title=title, phase=phase, owner=owner,
            actions=list(actions), effort=effort, impact=impact, depends_on=list(depends_on),
        )  # fmt: skip
    echo(added.value)


@cli.command()
@click.argument("assessment_id", type=RECORD_ID)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The PDF to write.")  # fmt: skip
@click.option("--password", type=PASSWORD,
              help="Encrypt the PDF: it opens only with this password.")  # fmt: skip
@click.option("--brand", type=click.Path(dir_okay=False, path_type=Path),
              help="A branding file (YAML): consultancy, logo, primary colour, "
              "confidentiality line.")  # fmt: skip
@click.pass_obj
def report(
    session: Session, assessment_id: int, output: Path, password: str | None, brand: Path | None
) -> None:
    """Write the PDF report of an assessment: summary, charts, domains, roadmap,
    framework coverage, methodology and every answer."""
    branding = load_branding(brand) if brand is not None else None
    store, library = session.open()
    with store:
        pages = write_report(store, library, assessment_id, output, branding, password)
    echo(f"{output}: {pages} pages", err=True)


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
def list_command(session: Session, as_json: bool) -> None:
    """List assessments with client, status, completeness and overall score."""
    with Store(session.db_path) as store:
        rows = store.list_assessments()
    if as_json:
        echo(json_text([summary_json(r) for r in rows]))
        return
    if not rows:
        echo("No assessments yet. `assessor demo` creates a sample one.", err=True)
        return
    echo(f"{'ID':>4}  {'CLIENT':<32} {'STATUS':<12} {'DONE':>5}  {'SCORE':>5}  LEVEL")
    for r in rows:
        score_text = "-" if r.overall_score is None else f"{r.overall_score:.0f}"
        level = (
            "-" if r.overall_level is None else f"{r.overall_level} {LEVEL_NAMES[r.overall_level]}"
        )
        echo(
            f"{r.id:>4}  {_clip(r.client, 32):<32} {r.status:<12} {r.completeness:>5.0%}  "
            f"{score_text:>5}  {level}"
        )


@cli.command("score")
@click.argument("assessment_id", type=RECORD_ID)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_obj
def score_command(session: Session, assessment_id: int, as_json: bool) -> None:
    """Score an assessment: overall and per domain, blockers, use-case verdicts."""
    store, library = session.open()
    with store:
        card = scorecard(store, library, assessment_id)
        record = store.assessment(assessment_id)
    if as_json:
        echo(json_text(scorecard_json(card, assessment_id)))
        return
    echo(f"{record.client_name}: {record.title}")
    echo(_overall_line(card))
    for d in card.domains:
        level = "-" if d.capped_level is None else f"{d.capped_level} {LEVEL_NAMES[d.capped_level]}"
        capped = " (capped)" if d.capped_level != d.level else ""
        score_text = "-" if d.score is None else f"{d.score:5.1f}"
        echo(
            f"  {d.title:<34} {score_text:>5}  level {level}{capped}, target {d.target_level}, "
            f"{d.completeness:.0%} answered"
        )
    for b in card.blockers:
        echo(f"  blocker {b.question_id}: {b.reason}")
    for u in card.use_cases:
        echo(f"  use case {u.name!r} ({u.risk_tier}): {u.verdict}")


def _overall_line(card: Scorecard) -> str:
    if card.overall_score is None or card.overall_level is None:
        return "Overall: not scored yet"
    return (
        f"Overall {card.overall_score:.1f}, level {card.overall_level} "
        f"{LEVEL_NAMES[card.overall_level]}; {card.completeness:.0%} answered, "
        f"confidence {card.confidence}"
    )


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `assessor` script."""
    try:
        cli.main(args=argv, prog_name="assessor", standalone_mode=False)
    except click.exceptions.Abort:
        echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        echo(error_line(error), err=True)
        sys.exit(error.exit_code)
    except AssessorError as error:
        echo(f"error: {error}", err=True)
        sys.exit(1)
    except OSError as error:
        echo(f"error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), err=True)
        sys.exit(1)
    except Exception as error:
        if os.environ.get("ASSESSOR_DEBUG"):
            raise
        echo(
            f"internal error: {type(error).__name__}: {error} (set ASSESSOR_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(70)
