"""One exception tree. Every error a user can cause is a News2teiError whose
message fits on one line; the CLI prints it and exits non-zero."""
from __future__ import annotations


class News2teiError(Exception):
    """Base of every error news2tei reports to a user."""

    exit_code = 1


class InputError(News2teiError):
    """The input cannot be read as an edition (encoding, binary, empty...)."""


class TeiReadError(News2teiError):
    """A TEI file is malformed, hostile (DTD, entities) or too large."""

    line = 0  # where in the file, when known
    column = 0


class ValidationError(News2teiError):
    """A TEI document the tool wrote does not validate (a bug, never silent)."""


class OutputError(News2teiError):
    """An output could not be written."""
