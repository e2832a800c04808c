"""bytes -> str. Minimal first version: UTF-8 (BOM optional) only."""
from __future__ import annotations

from .errors import InputError


def decode_bytes(data: bytes, encoding: str | None = None) -> str:
    if not data.strip():
        raise InputError("input is empty")
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode input as {exc.encoding} at byte offset {exc.start}") from None
