"""Command line: `news2tei convert|epub|validate|inspect|batch`.

Each command is a thin wrapper: parse options, call one module, report errors in
one line. Heavy modules are imported inside the commands that need them, so
start-up stays cheap."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import News2teiError


class _Group(click.Group):
    """Turns every News2teiError into one line on stderr and a non-zero exit."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except News2teiError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"news2tei: error: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_Group)
@click.version_option(package_name="news2tei")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Convert extracted Chinese newspaper text to TEI P5 and EPUB 3."""
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path), default=Path("."),
              show_default=True, help="Directory for the outputs.")
def convert(inputs: tuple[Path, ...], outdir: Path) -> None:
    """Convert INPUT... to OUTDIR/<stem>.tei.xml and OUTDIR/<stem>.epub."""
    from .convert import convert_file

    for path in inputs:
        for written in convert_file(path, outdir):
            click.echo(str(written))


@main.command("inspect")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="The HTML page to write [default: <stem>.html].")
def inspect_command(source: Path, output: Path | None) -> None:
    """Write a proof sheet of SOURCE: its lines marked with what each became, beside the articles."""
    from .inspect import inspect_file

    click.echo(str(inspect_file(source, output or Path(source.name.removesuffix(".txt") + ".html"))))


if __name__ == "__main__":  # pragma: no cover
    main()
