"""The inspect page in a real browser (Debian's headless Chromium): its script runs without
a console message, pins an article's lines from the URL, and the README screenshot script works."""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from inspect_fixture import EDITION, parse, source_lines

from converter.proof import inspect_html

CHROMIUM = shutil.which("chromium")
ROOT = Path(__file__).resolve().parents[1]
OFFLINE = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                 "(Debian: apt-get install -y chromium fonts-wqy-microhei)")]


def test_script_pins_the_article_in_the_url_without_console_messages(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(inspect_html(EDITION, source_lines()), encoding="utf-8")
    run = subprocess.run([CHROMIUM, *OFFLINE, f"--user-data-dir={tmp_path / 'profile'}",
                          "--enable-logging=stderr", "--v=0", "--dump-dom", f"{page.as_uri()}#u-p1-a2"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    dom = parse(run.stdout)
    pinned = sorted(int(row.get("data-line")) for row in dom.xpath('//*[@data-line]')
                    if "pin" in row.classes)
    assert pinned == [6, 7, 10, 11, 12, 13]
    assert "pinned" in dom.get_element_by_id("u-p1-a2").classes


def test_screenshot_script_writes_a_png_of_the_seed_page(tmp_path):
    out = tmp_path / "inspect.png"
    run = subprocess.run([str(ROOT / "scripts" / "screenshot.sh"), "", str(out), "p1-a1"],
                         env={**os.environ, "PYTHON": sys.executable}, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1400, 900)
