"""What `pip install .` gets: the licence the metadata names, and exactly the
dependencies converter/ imports (none missing, none left over)."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_modules(folder: Path) -> set[str]:
    """Top-level names of the absolute imports in every module under `folder`."""
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def test_the_licence_file_is_the_one_the_metadata_names():
    assert PROJECT["license"] == "MIT" and PROJECT["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_the_declared_dependencies_are_what_converter_imports():
    third_party = imported_modules(REPO / "converter") - set(sys.stdlib_module_names) - {"converter", "__future__"}
    distributions = packages_distributions()
    imported = {normalised(dist) for module in third_party for dist in distributions[module]}
    declared = {normalised(re.split(r"[<>=!~;\[ ]", requirement)[0]) for requirement in PROJECT["dependencies"]}
    assert imported == declared
