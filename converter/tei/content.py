"""A model `Text` <-> the mixed content of one TEI element: the one place that knows
how text is written, so that writer and reader cannot drift apart.

- `@source="line:12-15 line:17-17"`: the source lines (`Span` ranges, 1-based,
  inclusive) the text was made from; the `line:` scheme is declared in the header.
- OpenCC normalisation: every changed stretch is `<choice><orig>as printed</orig>
  <reg>normalised</reg></choice>`; reading keeps the orig, so text stays as printed.
- Diplomatic mode: each original line break (`Text.breaks`) is `<lb break="no"/>`,
  preceded by `<cb/>` when the next line is not the next source line (the text went
  on in another column, or after a block of another story)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from ..errors import TeiReadError
from ..model import ScriptOption, Span, Text
from ..script import segments
from .names import XML_LANG, local, tei

LINE_SCHEME = "line"
_POINTER = re.compile(rf"{LINE_SCHEME}:(\d+)-(\d+)")


def span_pointers(span: Span, origin: Sequence[int] | None = None) -> str:
    """@source for `span`; `origin` maps source lines to the input's lines, where a page
    was read column after column (Edition.origin)."""
    return " ".join(f"{LINE_SCHEME}:{a}-{b}" for a, b in span.to_input(origin).ranges)


def parse_span(element: etree._Element) -> Span:
    value = element.get("source", "")
    ranges = []
    for token in value.split():
        match = _POINTER.fullmatch(token)
        if not match:
            raise read_error(element, f'@source "{token}" is not a source-line pointer like "line:12-15"')
        ranges.append((int(match[1]), int(match[2])))
    return Span(tuple(ranges))


@dataclass(frozen=True)
class TextWriter:
    """Writes model text into TEI elements with one edition's options."""

    script: ScriptOption = "keep"
    keep_breaks: bool = False
    orig_lang: str | None = None  # xml:lang of <orig> when it differs from the root's
    origin: Sequence[int] | None = None  # see span_pointers

    def element(self, parent: etree._Element, name: str, text: Text, **attributes: str) -> etree._Element:
        """Append <name> holding `text`, with its span in @source."""
        element = etree.SubElement(parent, tei(name), attributes)
        if text.span.ranges:
            element.set("source", span_pointers(text.span, self.origin))
        self.write(element, text.text, self._milestones(text))
        return element

    def write(self, element: etree._Element, text: str, milestones: dict[int, list[str]] | None = None) -> None:
        """Append `text` (as printed) to `element`, converted and with `milestones`
        ({offset: ["cb", "lb"]}) before the character at each offset."""
        marks = milestones or {}
        position = 0
        for segment in segments(text, self.script):
            orig, reg = (segment, None) if isinstance(segment, str) else segment
            if reg is None:
                _append(element, orig, position, marks, include_start=True)
            else:
                _append_marks(element, marks.get(position, ()))  # a break at the edge stays outside
                choice = etree.SubElement(element, tei("choice"))
                orig_element = etree.SubElement(choice, tei("orig"))
                if self.orig_lang:
                    orig_element.set(XML_LANG, self.orig_lang)
                _append(orig_element, orig, position, marks, include_start=False)
                etree.SubElement(choice, tei("reg")).text = reg
            position += len(orig)
        _append_marks(element, marks.get(position, ()))

    def _milestones(self, text: Text) -> dict[int, list[str]]:
        if not self.keep_breaks:
            return {}
        lines = text.span.lines()
        marks: dict[int, list[str]] = {}
        for k, offset in enumerate(text.breaks):
            jumps = k + 1 < len(lines) and lines[k + 1] != lines[k] + 1
            marks.setdefault(offset, []).extend(["cb", "lb"] if jumps else ["lb"])
        return marks


def _append(element: etree._Element, text: str, start: int, marks: dict[int, list[str]],
            include_start: bool) -> None:
    cuts = sorted(o for o in marks if start < o < start + len(text) or (include_start and o == start))
    done = 0
    for offset in cuts:
        _append_string(element, text[done:offset - start])
        _append_marks(element, marks[offset])
        done = offset - start
    _append_string(element, text[done:])


def _append_marks(element: etree._Element, names: list[str] | tuple[()]) -> None:
    for name in names:
        etree.SubElement(element, tei(name), {"break": "no"} if name == "lb" else {})


def _append_string(element: etree._Element, text: str) -> None:
    if not text:
        return
    last = next(element.iterchildren(reversed=True), None)  # len(element) counts every child
    if last is not None:
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def read_text(element: etree._Element) -> Text:
    """The model Text held by `element` (inverse of `TextWriter.element`)."""
    text, breaks = read_content(element)
    return Text(text, parse_span(element), breaks)


def read_content(element: etree._Element) -> tuple[str, tuple[int, ...]]:
    """The text as printed and the offsets of its <lb/>s."""
    reading = _Reading()
    reading.collect(element)
    return "".join(reading.parts), tuple(reading.breaks)


class _Reading:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.breaks: list[int] = []
        self.length = 0

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)

    def collect(self, element: etree._Element) -> None:
        self.add(element.text)
        for child in element:
            if not isinstance(child.tag, str):  # comments and processing instructions
                pass
            elif child.tag == tei("lb"):
                self.breaks.append(self.length)
            elif child.tag == tei("choice"):
                self.collect(_only_orig(child))
            elif child.tag != tei("cb"):
                raise read_error(child, f"unexpected <{local(child.tag)}> inside <{local(element.tag)}>")
            self.add(child.tail)


def _only_orig(choice: etree._Element) -> etree._Element:
    origs = [c for c in choice if c.tag == tei("orig")]
    if len(origs) != 1:
        raise read_error(choice, "<choice> must hold exactly one <orig> (the text as printed)")
    return origs[0]


def read_error(element: etree._Element, message: str) -> TeiReadError:
    error = TeiReadError(f"line {element.sourceline}: {message}")
    error.line, error.column = element.sourceline or 0, 0
    return error
