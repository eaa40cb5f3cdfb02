#!/usr/bin/env bash
# Tests/tools/screenshot-html.sh PAGE.html [OUT_DIR] [HEIGHT]: renders a handout page
# (lessons SECTION --format html --output PAGE.html) in headless Chromium at a desktop width
# (1280) and a phone width (390), HEIGHT pixels tall (3000 by default), and prints the PNGs'
# paths, to look at by eye; with PDF=1 it also prints the page to a PDF, as paper would show
# it. Installs Debian's chromium package when it is missing (needs root and the mirror).
# With no PAGE, it builds lessons, makes the page of every section and of the whole chapter
# in .build/handout-check, and renders each.
set -euo pipefail
if [[ $# -eq 0 ]]; then
  cd "$(dirname "${BASH_SOURCE[0]}")/../.."
  swift build --product lessons >/dev/null
  mkdir -p .build/handout-check
  for section in $(.build/debug/lessons | awk '/^  [0-9]/ { print $1 }') all; do
    .build/debug/lessons "$section" --format html --output ".build/handout-check/$section.html"
    "$0" ".build/handout-check/$section.html"
  done
  exit 0
fi
page="$1"
out="${2:-$(dirname "$page")}"
height="${3:-3000}"
mkdir -p "$out"

# A Korean page (--lang ko) needs a font with Hangul, or the picture shows empty boxes.
if command -v fc-list >/dev/null && [[ -z "$(fc-list :lang=ko 2>/dev/null)" ]]; then
  echo "installing a Korean font (Debian's fonts-nanum)…" >&2
  apt-get install -y fonts-nanum >/dev/null || echo "no Korean font: Hangul will not show" >&2
fi

browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  echo "installing chromium (Debian package)…" >&2
  apt-get install -y chromium >/dev/null
  browser="$(command -v chromium)"
fi

url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
name="$(basename "$page" .html)"
# The page must show with no network at all: a proxy that answers nothing makes any fetch fail.
shoot() {
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --proxy-server=127.0.0.1:9 --window-size="$1,$height" --screenshot="$2" "$url" \
    >/dev/null 2>&1
  test -s "$2"
  echo "$2"
}
shoot 1280 "$out/$name-desktop.png"
shoot 390 "$out/$name-phone.png"
if [[ "${PDF:-0}" == 1 ]]; then
  "$browser" --headless --no-sandbox --disable-gpu --proxy-server=127.0.0.1:9 \
    --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "$url" >/dev/null 2>&1
  test -s "$out/$name.pdf"
  echo "$out/$name.pdf"
fi
