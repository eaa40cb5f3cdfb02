#!/usr/bin/env bash
# Tests/tools/screenshot-html.sh PAGE.html [OUT_DIR] [HEIGHT]: renders a handout page
# (lessons SECTION --format html --output PAGE.html) in headless Chromium at a desktop width
# (1280) and a phone width (390), HEIGHT pixels tall (3000 by default), and prints the PNGs'
# paths, to look at by eye; with PDF=1 it also prints the page to a PDF, as paper would show
# it. Installs Debian's chromium package when it is missing (needs root and the mirror).
set -euo pipefail
page="${1:?usage: Tests/tools/screenshot-html.sh PAGE.html [OUT_DIR] [HEIGHT]}"
out="${2:-$(dirname "$page")}"
height="${3:-3000}"
mkdir -p "$out"

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
