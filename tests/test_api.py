"""The Python API: `converter.convert(data, **options) -> Result`."""
from __future__ import annotations

import converter
import converter.batch  # noqa: F401  (imports every submodule the CLI glue needs)
import converter.cli  # noqa: F401


def test_the_api_function_is_not_shadowed_by_a_submodule():
    assert callable(converter.convert) and converter.convert.__module__ == "converter.api"
