#!/usr/bin/env bash
# Tests/tools/validate-notebooks.sh [LESSONS]: writes every section, and the whole chapter, as
# a Jupyter notebook (lessons SECTION --format ipynb --timeline) and validates each with
# Jupyter's own validator, Python's nbformat package (against the nbformat 4.5 schema).
# nbformat comes from PyPI into a virtual environment of its own; when it cannot be
# installed (no network), the check is skipped with a message and the script succeeds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
lessons="${1:-.build/debug/lessons}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! python3 -m venv "$work/venv" >/dev/null 2>&1 \
  || ! "$work/venv/bin/pip" install --quiet --disable-pip-version-check --retries 1 \
    --timeout 15 nbformat >/dev/null 2>&1; then
  echo "skipped: nbformat could not be installed from PyPI (no network, or no python3 venv)"
  exit 0
fi

sections="$("$lessons" | awk '/^  [0-9]/ { print $1 }')"
for section in $sections all; do
  "$lessons" "$section" --format ipynb --timeline --output "$work/$section.ipynb"
done
"$work/venv/bin/python" - "$work"/*.ipynb <<'PYTHON'
import sys
import nbformat

for path in sys.argv[1:]:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    name = path.rsplit("/", 1)[-1]
    print(f"{name}: valid nbformat {notebook.nbformat}.{notebook.nbformat_minor}, "
          f"{len(notebook.cells)} cells")
print(f"nbformat {nbformat.__version__}: every notebook is valid")
PYTHON
