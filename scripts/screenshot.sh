#!/usr/bin/env bash
# Screenshot of an edition's inspect page with headless Chromium: the README's docs/inspect.png.
#
#   apt-get update && apt-get install -y chromium fonts-wqy-microhei   # a browser and a CJK font
#   [PYTHON=python3] scripts/screenshot.sh [EDITION.txt [OUT.png [UNIT-ID]]]
#
# Defaults: the seed edition, docs/inspect.png. UNIT-ID (e.g. p1-a1) opens the page at
# #u-UNIT-ID, which pins that unit and outlines its source lines in the picture.
# The browser runs offline: no first-run, sync, component or background network traffic.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
edition="$(realpath "${1:-$root/seeds/000_627fccb794dc0fc3.txt}")"
out="$(realpath -m "${2:-$root/docs/inspect.png}")"
fragment="${3:+#u-$3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# This tree's converter, run by $PYTHON (the caller's interpreter; python3 when unset).
PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}" "${PYTHON:-python3}" -m converter inspect "$edition" \
  -o "$work/page.html" >/dev/null
mkdir -p "$(dirname "$out")"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --hide-scrollbars --window-size=1400,900 \
  --screenshot="$out" "file://$work/page.html$fragment" 2>"$work/chromium.log" \
  || { cat "$work/chromium.log" >&2; exit 1; }
test -s "$out" || { echo "screenshot.sh: chromium wrote no $out" >&2; cat "$work/chromium.log" >&2; exit 1; }
echo "$out"
