#!/usr/bin/env bash
# What the e-books look like, with headless Chromium: docs/shelf.png (six covers side by
# side), docs/epub-horizontal.png and docs/epub-vertical.png (a content page of each).
#
#   apt-get update && apt-get install -y chromium fonts-noto-cjk   # a browser and CJK fonts
#   [PYTHON=python3] scripts/book-screenshots.sh [OUTDIR]
#
# Default OUTDIR: docs/. The books are made from the fixture editions (with their
# .meta.toml), SOURCE_DATE_EPOCH fixed; the browser runs offline.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "${1:-$root/docs}")"
editions="$root/tests/fixtures/editions"
shelf=(hans_headfirst_pages hans_resolutions_jump hant_tw_headfirst_notice hant_hk_tailheads
       heldout2_hans_evening_interview heldout2_hant_macau_briefs)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

book() {  # book NAME [--vertical]: convert and unpack NAME's EPUB into $work/NAME
  SOURCE_DATE_EPOCH=1741996800 PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}" "${PYTHON:-python3}" -m converter \
    convert "$editions/$1.txt" -o "$work" --format epub "${@:2}" >/dev/null 2>&1
  mkdir -p "$work/$1" && (cd "$work/$1" && "${PYTHON:-python3}" -m zipfile -e "$work/$1.epub" .)
}

shoot() {  # shoot PAGE OUT.png WIDTH,HEIGHT
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars --window-size="$3" \
    --screenshot="$2" "file://$1" 2>"$work/chromium.log" || { cat "$work/chromium.log" >&2; exit 1; }
  test -s "$2" || { echo "book-screenshots.sh: chromium wrote no $2" >&2; exit 1; }
  echo "$2"
}

page() {  # page XHTML OUT.png WIDTH HEIGHT: the page in a frame, which (unlike a vertical-rl
          # top-level page in headless Chromium) starts at the start of vertical text
  echo "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"$1\" style=\"border:0;width:$3px;height:$4px\"></iframe></body></html>" >"$work/frame.html"
  shoot "$work/frame.html" "$2" "$3,$4"
}

mkdir -p "$out"
{
  echo '<!DOCTYPE html><html><body style="margin:0;padding:20px;background:#5b4636;display:flex;gap:16px">'
  for name in "${shelf[@]}"; do
    book "$name"
    echo "<img src=\"$name/EPUB/cover.svg\" style=\"width:180px;box-shadow:4px 4px 8px #000\" alt=\"\">"
  done
  echo '</body></html>'
} >"$work/shelf.html"
shoot "$work/shelf.html" "$out/shelf.png" 1236,280
page "$work/hans_headfirst_pages/EPUB/page-001.xhtml" "$out/epub-horizontal.png" 560 760
book hant_tw_headfirst_notice --vertical
page "$work/hant_tw_headfirst_notice/EPUB/page-001.xhtml" "$out/epub-vertical.png" 760 560
