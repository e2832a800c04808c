"""Write converter/lexicon/opencc_characters.json from the installed OpenCC's dictionaries.

news2tei detects the script and reports one-to-many conversions from OpenCC's character
dictionaries (STCharacters, TSCharacters...). Reading them needs the wheel's `opencc_dict`
tool, a subprocess: too slow for every conversion, so the tables ship as data and this
script regenerates them after an OpenCC upgrade (tests/test_script.py checks they agree).

    python scripts/opencc_tables.py            # rewrite the table
    python scripts/opencc_tables.py --check    # exit 1 when the shipped table is stale
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "converter" / "lexicon" / "opencc_characters.json"
CONFIGS = ("t2s", "s2t", "s2twp", "s2hk")


def opencc_tables() -> dict[str, object]:
    """{"configs": config -> its character dictionaries in chain order,
    "dictionaries": name -> {character: "candidates, default first, space-separated"}}."""
    import opencc

    clib = Path(opencc.__file__).parent / "clib"
    share, tool = clib / "share" / "opencc", clib / "bin" / "opencc_dict"
    configs: dict[str, list[str]] = {}
    dictionaries: dict[str, dict[str, str]] = {}
    for config in CONFIGS:
        chain = json.loads((share / f"{config}.json").read_text(encoding="utf-8"))["conversion_chain"]
        names = re.findall(r'"file":\s*"([^"]*Characters[^"]*)\.ocd2"', json.dumps(chain))
        configs[config] = names
        for name in names:
            if name not in dictionaries:
                dictionaries[name] = _dump(tool, share / f"{name}.ocd2")
    return {"configs": configs, "dictionaries": dictionaries}


def _dump(tool: Path, ocd2: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dict.txt"
        subprocess.run([str(tool), "-i", str(ocd2), "-o", str(out), "-f", "ocd2", "-t", "text"],
                       check=True, capture_output=True, timeout=60)
        rows = (line.split("\t") for line in out.read_text(encoding="utf-8").splitlines())
        return {key: " ".join(values.split()) for key, values in rows if len(key) == 1}


def rendered() -> str:
    return json.dumps(opencc_tables(), ensure_ascii=False, sort_keys=True, indent=0) + "\n"


if __name__ == "__main__":
    text = rendered()
    if "--check" in sys.argv[1:]:
        sys.exit(0 if OUT.read_text(encoding="utf-8") == text else "opencc_characters.json is stale")
    OUT.write_text(text, encoding="utf-8")
