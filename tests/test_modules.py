"""The package's own module names: none may shadow a standard-library module, since
running a file of the package as a script puts its directory first on sys.path."""
import sys
from pathlib import Path

import converter

PACKAGE = Path(converter.__file__).parent


def test_no_module_shadows_the_standard_library():
    names = {p.stem for p in PACKAGE.rglob("*.py")} | {p.name for p in PACKAGE.iterdir() if p.is_dir()}
    assert not names & set(sys.stdlib_module_names)
