"""news2tei: raw text of Chinese newspaper editions -> TEI P5 XML and EPUB 3."""
from __future__ import annotations

from .pipeline import edition_from_bytes, edition_from_text

__all__ = ["edition_from_bytes", "edition_from_text"]
