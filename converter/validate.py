"""Validate TEI against the project schema (schemas/news2tei.rng), its Schematron
rules (schemas/news2tei.sch) and, on request, tei_all.rng.

Schemas are compiled once per process. Every problem has a line, a column (0 when
the validator does not say) and a level; Schematron role="warning" gives warnings.

Both validators take time linear in the document, whatever it holds: libxml2's RelaxNG
takes time quadratic in the children of an element whose content model has an optional
attribute (every TEI text element: a diplomatic paragraph of 40,000 <lb/> took minutes),
so it sees long runs of inline elements folded (`relaxng_input`); and a Schematron
finding's element is named by its line from a callback, not by a location path that
would be computed by counting siblings and evaluated as XPath built from the input."""
from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from lxml import etree, isoschematron

from .errors import TeiReadError
from .resources import schema_path
from .tei.names import tei
from .tei.secure import parse_tei

PROJECT_RNG = "news2tei.rng"
PROJECT_SCH = "news2tei.sch"
Level = Literal["error", "warning"]
WARNING_ROLES = frozenset({"warning", "warn", "info", "information"})
_SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
_SCH = {"sch": "http://purl.oclc.org/dsdl/schematron"}
_XSL = "{http://www.w3.org/1999/XSL/Transform}"
_WHERE_NS = "urn:news2tei:validate"  # the namespace of the `where` callback in the Schematron XSLT
# The inline elements of TEI text (schema define "textContent"), the only elements that
# may hold them: in any order and number, so repeats of one shape never change validity.
INLINE = frozenset(map(tei, ("lb", "cb", "choice")))
MAX_CHILDREN = 1_000  # more children than this and RelaxNG sees repeated inline elements once


class InvalidTei(TeiReadError):
    """A TEI file that does not validate; `problems` holds its errors, in document order."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class Problem:
    line: int
    column: int
    message: str
    level: Level = "error"


def validate_tei(data: bytes, tei_all: Path | None = None, warnings: bool = True) -> list[Problem]:
    """All problems of a TEI document, in document order. Malformed or hostile input
    is one error problem, not an exception. `warnings=False` leaves Schematron
    warnings out, and the cost of locating them (minutes on a 100 MB edition)."""
    try:
        tree = parse_tei(data)
    except TeiReadError as exc:
        return [Problem(getattr(exc, "line", 0), getattr(exc, "column", 0), str(exc))]
    return tree_problems(tree, data, tei_all, warnings)


def tree_problems(tree: etree._ElementTree, data: bytes, tei_all: Path | None = None,
                  warnings: bool = True) -> list[Problem]:
    """`validate_tei` of a document already parsed (`tree`, from `data`)."""
    folded = relaxng_input(tree)
    problems = _relaxng_problems(_relaxng(str(schema_path(PROJECT_RNG))), folded, "")
    problems += _schematron_problems(tree, data, warnings)
    if tei_all is not None:
        problems += _relaxng_problems(_relaxng(str(tei_all)), folded, "tei_all: ")
    return sorted(problems, key=lambda p: (p.line, p.column))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.level == "error" for p in problems)


@lru_cache(maxsize=None)
def _relaxng(path: str) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(path))


def relaxng_input(tree: etree._ElementTree) -> etree._ElementTree:
    """What RelaxNG validates: `tree` itself, or, when an element has more than
    MAX_CHILDREN children, a copy in which such elements keep one inline child of each
    shape (an <lb/> followed by text, say). Validity is the same: inline elements are
    allowed only in text content, in any order, so a shape is valid once or never."""
    if all(len(element) <= MAX_CHILDREN for element in tree.iter()):
        return tree
    folded = deepcopy(tree)
    for element in reversed([e for e in folded.iter() if len(e) > MAX_CHILDREN]):  # innermost first
        seen: set[tuple] = set()
        for child in [c for c in element if c.tag in INLINE]:
            shape = _shape(child)
            if shape in seen:
                element.remove(child)
            seen.add(shape)
    return folded


def _shape(element: etree._Element) -> tuple:
    """All that RelaxNG can tell apart in an element: names, attributes, where text is."""
    return (element.tag, tuple(sorted(element.attrib.items())), bool((element.text or "").strip()),
            bool((element.tail or "").strip()), tuple(_shape(c) for c in element if isinstance(c.tag, str)))


@lru_cache(maxsize=2)
def _schematron(warnings: bool = True) -> etree.XSLT:
    """The compiled Schematron, as an XSLT whose report names each finding's line.
    Without `warnings`, the tests with a warning role are left out before compiling:
    on a big edition, checking them is much of the time."""
    rules = etree.parse(str(schema_path(PROJECT_SCH)))
    if not warnings:
        roles = " or ".join(f"@role='{role}'" for role in sorted(WARNING_ROLES))
        for xpath in (f"//sch:*[self::sch:assert or self::sch:report][{roles}]",
                      "//sch:rule[not(sch:assert or sch:report)]", "//sch:pattern[not(sch:rule)]"):
            for node in rules.xpath(xpath, namespaces=_SCH):
                node.getparent().remove(node)
    # No <svrl:fired-rule> for every context node: only failures are read. Contexts are
    # found through one xsl:key instead of a walk over every element and attribute for
    # each pattern (the same nodes, in the same order: the rule contexts are elements).
    # lxml passes these values as XSLT strings: no quotes of our own.
    compiled = isoschematron.Schematron(rules, store_xslt=True, compile_params={
        "generate-fired-rule": "false", "select-contexts": "key"}).validator_xslt
    # A finding's location: "LINE NAME" of its element, from `_where`, in place of the
    # skeleton's location path (which counts preceding siblings for each finding).
    path = compiled.getroot().find(f"{_XSL}template[@match='*'][@mode='schematron-get-full-path']")
    path[:] = []
    etree.SubElement(path, f"{_XSL}value-of", select="n2t:where(.)", nsmap={"n2t": _WHERE_NS})
    return etree.XSLT(compiled, extensions={(_WHERE_NS, "where"): _where})


def _where(context: object, elements: list[etree._Element]) -> str:
    return f"{elements[0].sourceline or 0} {etree.QName(elements[0]).localname}"


def _relaxng_problems(schema: etree.RelaxNG, tree: etree._ElementTree, prefix: str) -> list[Problem]:
    if schema.validate(tree):
        return []
    return [Problem(e.line, e.column, prefix + e.message) for e in schema.error_log]


def _schematron_problems(tree: etree._ElementTree, data: bytes, warnings: bool) -> list[Problem]:
    report = _schematron(warnings)(tree)
    findings = report.xpath("//svrl:failed-assert | //svrl:successful-report", namespaces=_SVRL)
    lines = data.decode("utf-8", "replace").splitlines() if findings else []
    problems = []
    for finding in findings:
        level: Level = "warning" if finding.get("role") in WARNING_ROLES else "error"
        if level == "warning" and not warnings:
            continue
        line, _, name = finding.get("location", "").partition(" ")
        message = " ".join("".join(finding.xpath("svrl:text//text()", namespaces=_SVRL)).split())
        problems.append(Problem(int(line), _column(lines, int(line), name), message, level))
    return problems


def _column(lines: list[str], line: int, name: str) -> int:
    """1-based column of the element's start tag: the first `<name` on its line."""
    if not 0 < line <= len(lines):
        return 0
    match = re.search(rf"<(\w+:)?{re.escape(name)}[\s/>]", lines[line - 1])
    return match.start() + 1 if match else 0
