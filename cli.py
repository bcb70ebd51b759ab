"""The `petition` command line: the composition root.

Settings are read once here and passed down as frozen objects; intake, storage
and render never import click. Domain errors become one-line messages here, with
the exit statuses of exit_codes.py.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

import click

from petition import __version__
from petition.exit_codes import ExitStatus
from petition.settings import ConfigError, Settings, load_settings

log = logging.getLogger("petition")


@dataclass(frozen=True)
class App:
    """What every command receives: the settings, read once."""
    settings: Settings
    verbose: int = 0


pass_app = click.make_pass_decorator(App)


def fail(message: str, status: ExitStatus = ExitStatus.FAILED) -> NoReturn:
    """One line on stderr, then exit with the contract's status."""
    click.echo(f"petition: {message}", err=True)
    sys.exit(int(status))


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn configuration and operational errors into one line and an exit status."""
    from sqlalchemy.exc import SQLAlchemyError

    from petition.storage.db import SchemaError

    try:
        yield
    except ConfigError as exc:
        fail(str(exc), ExitStatus.USAGE)
    except SchemaError as exc:
        fail(str(exc), ExitStatus.FAILED)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        fail(f"database error: {reason}; check [database] url and the file's permissions")


def setup_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              envvar="PETITION_CONFIG", show_envvar=True,
              help="Configuration file (default: ./config.toml, then built-in defaults).")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debug).")
@click.version_option(__version__, prog_name="petition")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, verbose: int) -> None:
    """Collect elected officials' signatures from the petition mailbox."""
    setup_logging(verbose)
    try:
        settings = load_settings(config_path)
    except ConfigError as exc:
        fail(str(exc), ExitStatus.USAGE)
    ctx.obj = App(settings=settings, verbose=verbose)


# --------------------------------------------------------------------------- db

@cli.group()
def db() -> None:
    """Manage the database schema (alembic migrations)."""


@db.command("upgrade")
@click.argument("revision", default="head")
@pass_app
def db_upgrade(app: App, revision: str) -> None:
    """Upgrade the database schema to REVISION (default: head)."""
    from petition.storage.db import current_revision, make_engine, upgrade

    with reported_errors():
        engine = make_engine(app.settings.database.url)
        upgrade(engine, revision)
        click.echo(f"database at revision {current_revision(engine)}")


@db.command("downgrade")
@click.argument("revision")
@pass_app
def db_downgrade(app: App, revision: str) -> None:
    """Downgrade the database schema to REVISION ('base' drops everything)."""
    from petition.storage.db import current_revision, downgrade, make_engine

    with reported_errors():
        engine = make_engine(app.settings.database.url)
        downgrade(engine, revision)
        click.echo(f"database at revision {current_revision(engine) or 'base'}")


@db.command("current")
@pass_app
def db_current(app: App) -> None:
    """Print the database's schema revision."""
    from petition.storage.db import current_revision, make_engine

    with reported_errors():
        click.echo(current_revision(make_engine(app.settings.database.url)) or "base")


def open_database(settings: Settings) -> Any:
    """The engine, with the schema upgraded on first use."""
    from petition.storage.db import ensure_schema, make_engine

    engine = make_engine(settings.database.url)
    ensure_schema(engine)
    return engine


# --------------------------------------------------------------------------- parse

@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One JSON record per file (JSON Lines).")
@click.option("--explain", is_flag=True, help="With --json: add reasons and confidences.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to parse with (default: the usable CPUs, for 64 files or more).")
@pass_app
def parse(app: App, files: tuple[str, ...], as_json: bool, explain: bool,
          jobs: int | None) -> None:
    """Parse FILES (.eml) and print what the bot understands of each.

    Reads the files alone: no network, no database, no IMAP. Prints one result per file,
    in the order given.
    """
    from petition.intake.batch import parse_files
    from petition.intake.parse import ParseSettings

    settings = ParseSettings(auth=app.settings.auth, policy=app.settings.policy)
    fmt = partial(json_line, explain=explain) if as_json else summary_of
    out = sys.stdout  # buffered: one flush at the end, not one per record (click.echo)
    failed = False
    for line, is_error in parse_files(files, settings, fmt, jobs):
        failed |= is_error
        out.write(line + "\n")
    out.flush()
    sys.exit(int(ExitStatus.FAILED if failed else ExitStatus.DONE))


def json_line(record: Any, explain: bool = False) -> str:
    """The record as one line of the parse contract (with its reasons and confidences
    when EXPLAIN)."""
    return json.dumps(record.to_json(explain=explain), ensure_ascii=False)


def summary_of(record: Any) -> str:
    """A readable block: kind, decision, signatories and the reasons."""
    lines = [f"{record.file}: {record.kind} → {record.decision}"
             + (" (official address)" if record.official_address else "")]
    if record.error:
        lines.append(f"  error: {record.error}")
    lines.append(f"  from: {record.sender or '-'}   subject: {record.subject or '-'}")
    for sig in record.signatories:
        lines.append(f"  signatory: {sig.name or '(no name)'}"
                     f"   party: {sig.party or '-'}")
        for m in sig.mandates:
            lines.append(f"    mandate: {m.type}  {m.label!r}  place={m.place or '-'}"
                         f"  département={m.departement or '-'}")
        if sig.confidence:
            conf = "  ".join(f"{k}={v:.2f}" for k, v in sig.confidence.items())
            lines.append(f"    confidence: {conf}")
        lines.extend(f"    why: {r}" for r in sig.reasons)
    lines.extend(f"  why: {r}" for r in record.reasons)
    return "\n".join(lines)


# --------------------------------------------------------------------------- ingest

@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@pass_app
def ingest(app: App, paths: tuple[str, ...]) -> None:
    """Store and process mail from disk: .eml files, Maildir folders, mbox files."""
    from petition.intake.pipeline import ingest as run_ingest
    from petition.intake.sources import iter_messages

    with reported_errors():
        engine = open_database(app.settings)
        report = run_ingest(engine, iter_messages(paths), app.settings)
    finish_report(report, "ingested")


@cli.command()
@click.option("--all", "everything", is_flag=True,
              help="Also re-run messages parsed by an older extractor.")
@pass_app
def requeue(app: App, everything: bool) -> None:
    """Run stored messages in error through the pipeline again."""
    from petition.intake.pipeline import requeue as run_requeue

    with reported_errors():
        engine = open_database(app.settings)
        report = run_requeue(engine, app.settings, outdated=everything)
    finish_report(report, "requeued")


def finish_report(report: Any, verb: str) -> None:
    """Print the counts, one line per error on stderr; exit 1 when anything failed."""
    click.echo(report_line(report, verb))
    for line in report.error_lines:
        click.echo(f"petition: {line}", err=True)
    sys.exit(int(ExitStatus.FAILED if report.errors else ExitStatus.DONE))


def report_line(report: Any, verb: str) -> str:
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(report.by_kind.items()))
    return (f"{verb} {report.seen} messages: {report.stored} stored, "
            f"{report.duplicates} duplicates, {report.errors} errors"
            + (f" ({kinds})" if kinds else ""))


# --------------------------------------------------------------------------- render

@cli.command()
@click.option("--output", "output_dir", type=click.Path(file_okay=False),
              help="Output folder (default: [render] output_dir).")
@pass_app
def render(app: App, output_dir: str | None) -> None:
    """Render the published signatories: index.html, signataires.json, signataires.csv."""
    with reported_errors():
        report = render_published(app.settings, Path(output_dir or app.settings.render.output_dir))
    click.echo(render_line(report))


def render_published(settings: Settings, output_dir: Path) -> Any:
    from sqlalchemy.orm import Session

    from petition.render import render_site
    from petition.storage.queries import published_signatories

    engine = open_database(settings)
    with Session(engine) as session:
        people = published_signatories(session)
    try:
        return render_site(people, output_dir)
    except OSError as exc:
        fail(f"cannot write to {output_dir}: {exc.strerror or exc}; check the folder")


def render_line(report: Any) -> str:
    changed = len(report.written)
    return (f"rendered {report.total} signatories into {report.output_dir}: "
            f"{changed} file(s) written, {len(report.unchanged)} unchanged")


# --------------------------------------------------------------------------- stats

@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable counts.")
@pass_app
def stats(app: App, as_json: bool) -> None:
    """Counts of messages by kind and status, and of signatories by status."""
    with reported_errors():
        counts = database_counts(open_database(app.settings))
    if as_json:
        click.echo(json.dumps(counts, ensure_ascii=False, sort_keys=True))
    else:
        click.echo(stats_table(counts))


def stats_table(counts: dict[str, Any]) -> str:
    msg, sig = counts["messages"], counts["signatories"]
    rows = [("messages", msg["total"])]
    rows += [(f"  {kind}", n) for kind, n in sorted(msg["by_kind"].items())]
    rows += [("  in error", msg["errors"]), ("signatories", sum(sig.values()))]
    rows += [(f"  {status}", n) for status, n in sig.items()]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {n:>6}" for label, n in rows)


def database_counts(engine: Any) -> dict[str, Any]:
    from sqlalchemy.orm import Session

    from petition.storage.queries import stats as compute_stats

    with Session(engine) as session:
        return compute_stats(session)


def signatory_line(counts: dict[str, Any]) -> str:
    sig = counts["signatories"]
    return "signatories: " + ", ".join(f"{n} {status}" for status, n in sig.items())


# --------------------------------------------------------------------------- IMAP

@cli.command()
@click.option("--watch", is_flag=True,
              help="Stay connected (IMAP IDLE) and store mail as it arrives.")
@click.option("-v", "--verbose", is_flag=True, help="Say what was done, and failures' details.")
@pass_app
def poll(app: App, watch: bool, verbose: bool) -> None:
    """Fetch new mail from the IMAP folder, store it, move it to the processed folder."""
    from petition.intake.poll import poll_command

    sys.exit(poll_command(app.settings, watch=watch, verbose=verbose or app.verbose > 0))


@cli.command()
@click.option("-v", "--verbose", is_flag=True, help="Print a summary even when nothing is new.")
@pass_app
def run(app: App, verbose: bool) -> None:
    """The cron job: poll, then render when anything changed (one run at a time).

    Silent on stdout when nothing was new.
    """
    from petition.intake.poll import run_command

    sys.exit(run_command(app.settings, verbose=verbose or app.verbose > 0))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable.")
@click.option("--max-age", type=float, default=None,
              help="Minutes after which the last successful poll counts as too old "
                   "(default: [health] max_poll_age_minutes).")
@pass_app
def status(app: App, as_json: bool, max_age: float | None) -> None:
    """Last poll, messages in error, pending reviews, checkpoints; exit 1 when unhealthy."""
    from datetime import timedelta

    from petition.intake.health import status_command

    minutes = max_age if max_age is not None else app.settings.health.max_poll_age_minutes
    sys.exit(status_command(app.settings, max_age=timedelta(minutes=minutes), as_json=as_json))


# --------------------------------------------------------------------------- demo

@cli.command()
@click.option("--dir", "workdir", type=click.Path(file_okay=False), default="petition-demo",
              show_default=True, help="Folder for the demo's database and page.")
@pass_app
def demo(app: App, workdir: str) -> None:
    """Run the whole job on the built-in sample mailbox (no server, SQLite).

    Uses its own database and output folder under --dir, never the configured ones.
    """
    from dataclasses import replace

    from petition.intake.pipeline import ingest as run_ingest
    from petition.intake.sources import iter_messages
    from petition.settings import DatabaseSettings, RenderSettings

    base = Path(workdir).resolve()
    base.mkdir(parents=True, exist_ok=True)
    settings = replace(
        app.settings,
        database=DatabaseSettings(url=f"sqlite:///{base / 'petition.db'}"),
        render=RenderSettings(output_dir=str(base / "public")),
    )
    with reported_errors(), sample_mailbox() as mailbox:
        engine = open_database(settings)
        report = run_ingest(engine, iter_messages([str(mailbox)]), settings)
        click.echo(report_line(report, "ingested"))
        page = render_published(settings, Path(settings.render.output_dir))
        counts = database_counts(engine)
    click.echo(render_line(page))
    click.echo(signatory_line(counts))
    click.echo(f"page: {Path(page.output_dir) / 'index.html'}")
    sys.exit(int(ExitStatus.FAILED if report.errors else ExitStatus.DONE))


@contextmanager
def sample_mailbox() -> Iterator[Path]:
    from importlib.resources import as_file, files

    with as_file(files("petition.samples") / "mailbox") as path:
        yield Path(path)


COMMANDS: Sequence[Callable[..., Any]] = (db, parse, ingest, requeue, render, stats, demo,
                                          poll, run, status)


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="petition", standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(int(ExitStatus.INTERRUPTED))


if __name__ == "__main__":
    main()
