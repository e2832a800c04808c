"""Namespaces and qualified names used by the TEI writer, reader and validator."""
from __future__ import annotations

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"


def tei(name: str) -> str:
    """Clark notation for a TEI element name: tei("p") -> "{http://www.tei-c.org/ns/1.0}p"."""
    return f"{{{TEI_NS}}}{name}"


def local(tag: object) -> str:
    """The local name of a TEI element ("p"); other namespaces keep their Clark name."""
    text = str(tag)
    return text[len(TEI_NS) + 2:] if text.startswith(f"{{{TEI_NS}}}") else text
