"""Command line: `news2tei convert|epub|validate|inspect|batch`.

Each command is a thin wrapper: parse options, call one module, report errors in
one line. Heavy modules are imported inside the commands that need them, so
start-up stays cheap."""
from __future__ import annotations

import gc
import os
import signal
import sys
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path

import click

from .errors import News2teiError
from .reading import MAX_INPUT_MB

INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug, not bad input (which exits 1; a usage error, 2)
INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
# A conversion makes a great many short-lived objects (lines, runs, the model, its
# TEI read back): Python's default, a collection every 700 of them, spent some 4% of
# a corpus edition collecting; every 7,000 halves that (a batch's workers inherit it).
YOUNG_OBJECTS_PER_COLLECTION = 7_000
FIRST_PROBLEMS = 10  # `epub` shows this many of an invalid TEI file's errors


def shown(text: object) -> str:
    """Text (a file name, a message quoting one) safe to print on one line: control
    and other unprintable characters escaped as Python would (\\n, \\x1b)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def _problem_line(path: Path, problem) -> str:
    return f"{shown(path)}:{problem.line}:{problem.column}: {problem.level}: {shown(problem.message)}"


class _Group(click.Group):
    """Turns every error into one line on stderr and a non-zero exit; a bug
    (anything not a News2teiError) says so and how to see its traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # the reader of our output left (`| head`): stop quietly, as Unix tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
            sys.exit(128 + signal.SIGPIPE)
        except KeyboardInterrupt:
            click.echo("news2tei: interrupted", err=True)
            sys.exit(INTERRUPTED)
        except News2teiError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"news2tei: error: {shown(exc)}", err=True)
            sys.exit(exc.exit_code)
        except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback unless --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"news2tei: internal error: {type(exc).__name__}: {shown(exc)} (run with --debug for "
                       "details)", err=True)
            sys.exit(INTERNAL_ERROR)


@click.group(cls=_Group)
@click.version_option(package_name="news2tei")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Convert extracted Chinese newspaper text to TEI P5 and EPUB 3."""
    ctx.obj = {"debug": debug}
    gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, *gc.get_threshold()[1:])


def _formats(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    from .conversion import FORMATS

    if value is None:
        return None
    formats = tuple(dict.fromkeys(f.strip() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)} (comma-separated), not {value!r}")
    return formats


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from .decode import text_codec

    if value:
        text_codec(value)  # an unknown one is refused here, once, in one line, not by every input
    return value


def _shard(ctx: click.Context, param: click.Parameter, value: str | None):
    from .shards import Shard

    try:
        return Shard.parse(value) if value else None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _key_values(ctx, param, values: tuple[str, ...]) -> dict[str, str]:
    pairs = [value.partition("=") for value in values]
    bad = [value for value, (_, sign, _) in zip(values, pairs) if not sign]
    if bad:
        raise click.BadParameter(f"KEY=VALUE, not {bad[0]!r}")
    return {key.strip(): value for key, _, value in pairs}


def _conversion_options(command):
    """The options `convert` and `batch` share."""
    for option in reversed((
        click.option("--format", "formats", callback=_formats, metavar="LIST",
                     help="Comma-separated outputs among tei, epub, json.  [default: tei,epub]"),
        click.option("--script", type=click.Choice(["keep", "hans", "hant", "tw", "hk"]), default="keep",
                     show_default=True, help="OpenCC script normalisation: keep as printed, hans (t2s), "
                     "hant (s2t), tw (s2twp), hk (s2hk). TEI keeps the original in <choice>."),
        click.option("--vertical", is_flag=True, help="EPUB in vertical writing, pages right to left."),
        click.option("--keep-breaks", is_flag=True,
                     help="Diplomatic TEI: every source line break kept as <lb/>."),
        click.option("--encoding", metavar="ENC", callback=_encoding,
                     help="Input encoding (utf-8, gb18030, big5, utf-16...).  [default: detected]"),
        click.option("--metadata", "metadata_file", metavar="FILE.toml",
                     type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Metadata for every input (title, date, edition, publisher, licence, ... pages: "
                     "see docs/cli.md)."),
        click.option("--title", help="Newspaper title, e.g. 焦作日报."),
        click.option("--inspect", is_flag=True, help="Also write <stem>.html, a proof sheet of what was "
                     "recognised (batch: and OUTDIR/index.html, the most doubtful editions first)."),
        click.option("--max-size", type=click.IntRange(min=1), default=MAX_INPUT_MB, show_default=True,
                     metavar="MB", help="Refuse an input larger than this many megabytes."),
    )):
        command = option(command)
    return command


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...", type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Directory for the outputs.")
@_conversion_options
@click.option("--date", metavar="YYYY-MM-DD", help="Issue date.")
@click.option("--edition", help="Issue number as printed, e.g. 第12345期.")
@click.option("--pages", metavar="A01,A02,...", help="Page labels, in page order.")
@click.option("--meta", "more", metavar="KEY=VALUE", multiple=True, callback=_key_values,
              help="Any other metadata key (publisher, pub_place, cn, issn, licence...), repeatable.")
@click.pass_context
def convert(ctx: click.Context, inputs: tuple[Path, ...], outdir: Path, formats: tuple[str, ...] | None,
            metadata_file: Path | None, title: str | None, date: str | None, edition: str | None,
            pages: str | None, more: dict[str, str], **options) -> None:
    """Convert edition texts to TEI and EPUB (and JSON).

    Each INPUT becomes OUTDIR/<stem>.tei.xml, OUTDIR/<stem>.epub and/or
    OUTDIR/<stem>.json. INPUT - reads standard input and writes one format (TEI
    unless --format names another) to standard output. Warnings go to standard
    error; a failing input is reported and the others still convert."""
    from .conversion import DEFAULT_FORMATS, ConvertOptions, convert_bytes, convert_file, diagnostic_line, \
        failure_message, output_stem
    from .output import sweep_stale_parts

    if Path("-") in inputs and (formats and len(formats) > 1 or options["inspect"]):
        raise click.UsageError("standard input (-) is converted to one format on standard output")
    given = {**more, "title": title, "date": date, "edition": edition, "pages": pages}
    base = ConvertOptions.build(given, metadata_file, formats=formats or DEFAULT_FORMATS, **options)
    sweep_stale_parts(outdir)  # left by a run killed before
    stems: set[str] = set()
    failed = 0
    for path in inputs:
        try:
            if path == Path("-"):
                run = replace(base, formats=formats or ("tei",))
                converted = convert_bytes(sys.stdin.buffer.read(), run)
                sys.stdout.buffer.write(converted.outputs[run.formats[0]])
                sys.stdout.buffer.flush()
            else:
                if output_stem(path) in stems:
                    raise News2teiError(f"its outputs would overwrite those of another input named {path.name}")
                stems.add(output_stem(path))
                converted, written = convert_file(path, outdir, base)
                # When the TEI of - goes to standard output, nothing else may.
                click.echo("\n".join(map(shown, written)), err=Path("-") in inputs)
            for diagnostic in converted.diagnostics:
                if diagnostic.level != "info":
                    click.echo(shown(diagnostic_line(str(path), diagnostic)), err=True)
        except BrokenPipeError:
            raise
        except Exception as exc:  # one bad input must not stop the others
            if ctx.obj["debug"]:
                raise
            click.echo(f"news2tei: error: {shown(path)}: {shown(failure_message(exc))}", err=True)
            failed += 1
    if failed:
        ctx.exit(1)


@main.command()
@click.argument("src_dirs", nargs=-1, required=True, metavar="SRC_DIR...",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory for the outputs; the input tree is mirrored under it.")
@_conversion_options
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="number of CPUs", help="Editions converted in parallel (worker processes).")
@click.option("--resume", is_flag=True,
              help="Skip editions whose outputs are newer than their input and made with the same options.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write one JSON line per edition (status, error, warnings, counts, timings).")
@click.option("--shard", metavar="K/N", callback=_shard,
              help="Convert only shard K (0 to N-1) of N, by a hash of each input's path under its SRC_DIR.")
@click.pass_context
def batch(ctx: click.Context, src_dirs: tuple[Path, ...], outdir: Path, formats: tuple[str, ...] | None,
          metadata_file: Path | None, title: str | None, jobs: int, resume: bool, report_path: Path | None,
          shard, **options) -> None:
    """Convert whole directory trees of editions, in parallel.

    Every *.txt under each SRC_DIR becomes its outputs in OUTDIR, at the same
    relative path. A failing edition is reported and never stops the others; the exit status is
    0 only if every edition converted."""
    from .batch import find_tasks, run_batch, write_inspect_index
    from .conversion import DEFAULT_FORMATS, ConvertOptions

    base = ConvertOptions.build({"title": title}, metadata_file, formats=formats or DEFAULT_FORMATS, **options)
    tasks = find_tasks(src_dirs, outdir, shard)
    report = open(report_path, "w", encoding="utf-8") if report_path else None
    progress = click.progressbar(length=len(tasks), label="converting", file=sys.stderr) \
        if sys.stderr.isatty() else None

    def advance(record: dict) -> None:
        if progress:
            progress.update(1)

    try:
        with progress or nullcontext():
            summary = run_batch(tasks, base, jobs=jobs, resume=resume, report=report, debug=ctx.obj["debug"],
                                on_record=advance)
    finally:
        if report:
            report.close()
    if base.inspect:
        click.echo(shown(write_inspect_index(summary, outdir)))
    _finish(ctx, summary, "batch: ")


def _finish(ctx: click.Context, summary, command: str, took: str | None = None) -> None:
    """Each failed edition and the summary line on standard error; the exit status they make."""
    for record in summary.failures:
        click.echo(f"news2tei: error: {shown(record['input'])}: {shown(record['error'])}", err=True)
        if record.get("traceback"):
            click.echo(record["traceback"], err=True)
    click.echo(f"news2tei {command}{summary.line(took)}", err=True)
    if not summary.ok:
        ctx.exit(INTERNAL_ERROR if summary.internal else 1)


@main.group()
def report() -> None:
    """Work with the JSON-lines reports of `batch --report`."""


@report.command("merge")
@click.argument("reports", nargs=-1, required=True, metavar="REPORT...",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the joined report here, one JSON line per edition, ordered by input.")
@click.pass_context
def merge(ctx: click.Context, reports: tuple[Path, ...], output: Path | None) -> None:
    """Join the reports of a batch's shards into one summary.

    Prints each failed edition and the summary line a single batch over the whole
    archive would print; the exit status is that batch's."""
    import json

    from .batch import Summary
    from .output import write_atomic
    from .shards import read_reports

    summary = Summary(read_reports(list(reports)))
    if output:
        write_atomic(output, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in summary.records).encode())
    converting = sum(r.get("seconds", 0.0) for r in summary.records)
    _finish(ctx, summary, f"report merge: {len(reports)} report(s), ",
            f"{converting:.1f} s converting, summed over the reports")


@main.command()
@click.argument("tei", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The EPUB to write [default: <stem>.epub beside TEI].")
@click.option("--vertical", is_flag=True, help="Vertical writing, pages right to left.")
def epub(tei: Path, output: Path | None, vertical: bool) -> None:
    """Make an EPUB 3 from a TEI edition (for example one corrected by hand).

    The TEI is validated first; an invalid one is refused with its first errors."""
    from .epub.writer import default_target, epub_from_tei_file
    from .validate import InvalidTei

    try:
        click.echo(shown(epub_from_tei_file(tei, output or default_target(tei), vertical)))
    except InvalidTei as exc:
        for problem in exc.problems[:FIRST_PROBLEMS]:
            click.echo(_problem_line(tei, problem), err=True)
        raise


@main.command("inspect")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="The HTML page to write [default: <stem>.html].")
def inspect_command(source: Path, output: Path | None) -> None:
    """Write a proof sheet of SOURCE: its lines marked with what each became, beside the articles."""
    from .proof import inspect_file

    click.echo(shown(inspect_file(source, output or Path(source.name.removesuffix(".txt") + ".html"))))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--tei-all", "tei_all", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also validate against this tei_all.rng (slow to load: ~15 s).")
@click.pass_context
def validate(ctx: click.Context, files: tuple[Path, ...], tei_all: Path | None) -> None:
    """Check TEI FILE... against the project schema and Schematron rules.

    Prints file:line:col: level: message per problem; exits 1 if any file has an error."""
    from .validate import Problem, has_errors, validate_tei

    failed = False
    for path in files:
        try:
            problems = validate_tei(path.read_bytes(), tei_all)
        except OSError as exc:  # reported like any problem: the other files still get checked
            problems = [Problem(0, 0, f"cannot read: {exc.strerror or exc}")]
        for problem in problems:
            click.echo(_problem_line(path, problem))
        failed = failed or has_errors(problems)
    if failed:
        ctx.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
