"""Validate TEI against the project schema (schemas/news2tei.rng), its Schematron
rules (schemas/news2tei.sch) and, on request, tei_all.rng.

Schemas are compiled once per process. Every problem has a line, a column (0 when
the validator does not say) and a level; Schematron role="warning" gives warnings."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from lxml import etree, isoschematron

from .errors import TeiReadError
from .resources import schema_path
from .tei.secure import parse_tei

PROJECT_RNG = "news2tei.rng"
PROJECT_SCH = "news2tei.sch"
Level = Literal["error", "warning"]
WARNING_ROLES = frozenset({"warning", "warn", "info", "information"})
_SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
_SCH = {"sch": "http://purl.oclc.org/dsdl/schematron"}


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
    problems = _relaxng_problems(_relaxng(str(schema_path(PROJECT_RNG))), tree, "")
    problems += _schematron_problems(tree, data, warnings)
    if tei_all is not None:
        problems += _relaxng_problems(_relaxng(str(tei_all)), tree, "tei_all: ")
    return sorted(problems, key=lambda p: (p.line, p.column))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.level == "error" for p in problems)


@lru_cache(maxsize=None)
def _relaxng(path: str) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(path))


@lru_cache(maxsize=2)
def _schematron(warnings: bool = True) -> isoschematron.Schematron:
    """Without `warnings`, the tests with a warning role are left out before compiling:
    on a big edition, checking them and building each finding's location path (which
    counts preceding siblings, so grows with the number of pages) is most of the time."""
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
    return isoschematron.Schematron(rules, store_report=True, compile_params={
        "generate-fired-rule": "false", "select-contexts": "key"})


def _relaxng_problems(schema: etree.RelaxNG, tree: etree._ElementTree, prefix: str) -> list[Problem]:
    if schema.validate(tree):
        return []
    return [Problem(e.line, e.column, prefix + e.message) for e in schema.error_log]


def _schematron_problems(tree: etree._ElementTree, data: bytes, warnings: bool) -> list[Problem]:
    schematron = _schematron(warnings)
    if schematron.validate(tree):
        return []
    lines = data.decode("utf-8", "replace").splitlines()
    problems = []
    for finding in schematron.validation_report.xpath(
            "//svrl:failed-assert | //svrl:successful-report", namespaces=_SVRL):
        level: Level = "warning" if finding.get("role") in WARNING_ROLES else "error"
        if level == "warning" and not warnings:
            continue
        element = _located(tree, finding.get("location", ""))
        line = element.sourceline if element is not None and element.sourceline else 0
        message = " ".join("".join(finding.xpath("svrl:text//text()", namespaces=_SVRL)).split())
        problems.append(Problem(line, _column(lines, line, element), message, level))
    return problems


def _located(tree: etree._ElementTree, location: str) -> etree._Element | None:
    try:
        found = tree.xpath(location)
    except etree.XPathError:
        return None
    return found[0] if found and isinstance(found[0], etree._Element) else None


def _column(lines: list[str], line: int, element: etree._Element | None) -> int:
    """1-based column of the element's start tag: the first `<name` on its line."""
    if element is None or not 0 < line <= len(lines):
        return 0
    match = re.search(rf"<(\w+:)?{re.escape(etree.QName(element).localname)}[\s/>]", lines[line - 1])
    return match.start() + 1 if match else 0
