"""news2tei: raw text of Chinese newspaper editions -> TEI P5 XML and EPUB 3."""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Result", "convert", "edition_from_bytes", "edition_from_text"]


def __getattr__(name: str):
    """The pipeline is imported on first use, not with the package: every command
    imports the package, and `--help`, `validate` or `epub` need no structure stage."""
    if name in ("convert", "Result"):
        from . import api

        return getattr(api, name)
    if name in __all__:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
