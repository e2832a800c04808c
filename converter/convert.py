"""Convert one input file to its outputs: the glue the CLI and batch share."""
from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .model import Metadata
from .output import write_atomic
from .pipeline import edition_from_bytes


def convert_file(path: Path, outdir: Path) -> list[Path]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    edition = edition_from_bytes(data, Metadata(source_name=Path(path).name))
    from .epub.writer import epub_bytes
    from .tei.reader import read_tei
    from .tei.writer import tei_bytes

    stem = Path(path).name.removesuffix(".txt")
    tei = tei_bytes(edition)
    tei_path, epub_path = outdir / f"{stem}.tei.xml", outdir / f"{stem}.epub"
    write_atomic(tei_path, tei)
    # The EPUB is made from the TEI read back: the archival master is what readers get.
    write_atomic(epub_path, epub_bytes(read_tei(tei)))
    return [tei_path, epub_path]
