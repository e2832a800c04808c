"""Character conservation: every non-whitespace character of the decoded input, less
the characters the pipeline reported dropping, is in the model exactly as often."""
from __future__ import annotations

import dataclasses
import re
from collections import Counter

from converter.model import Edition, ListItem, Text


def model_characters(edition: Edition) -> Counter[str]:
    found: Counter[str] = Counter()
    stack: list[object] = list(edition.pages)
    while stack:
        item = stack.pop()
        if isinstance(item, Text):
            found.update(c for c in item.text if not c.isspace())
        elif isinstance(item, tuple):
            stack.extend(item)
        elif dataclasses.is_dataclass(item):
            if isinstance(item, ListItem):
                found.update(c for c in item.label if not c.isspace())
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
    return found


def dropped_characters(edition: Edition) -> Counter[str]:
    return Counter(chr(int(code, 16)) for d in edition.diagnostics if d.code == "control-char-dropped"
                   for code in re.findall(r"U\+([0-9A-F]{4,6})", d.message))


def conservation_problems(decoded_text: str, edition: Edition) -> dict[str, Counter[str]]:
    """{} when conserved; else what is missing from the model and what it has extra."""
    expected = Counter(c for c in decoded_text if not c.isspace())
    expected.subtract(dropped_characters(edition))
    expected = +expected  # dropped whitespace-like controls (U+001C..U+001F) were never counted
    found = model_characters(edition)
    missing, extra = expected - found, found - expected
    return {k: v for k, v in (("missing", missing), ("extra", extra)) if v}
