#!/usr/bin/env bash
# Checks of rendered PDFs that only tools outside npm can make, so they are
# not part of `npm test` (which reads PDFs with PDF.js):
#   qpdf --check   the file structure (cross-reference table, streams)
#   pdffonts       every font is embedded (poppler-utils)
#   verapdf        PDF/A-2b validation: ddproof's PDFs declare PDF/A-2b
#                  (they are not tagged, so not PDF/A-2a or PDF/UA)
# A tool that is not installed is reported as NOT RUN, never as a pass.
#
# Usage: npm run check:pdfs [-- FILE.pdf ...]
# Without files, it renders the demo's three PDFs into a temporary folder.
# Exit status: 0 when every check that ran passed, 1 when one failed,
# 2 when no check could run at all.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/ddproof-check-pdfs-XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [ "$#" -gt 0 ]; then
  pdfs=("$@")
else
  [ -f dist/cli/main.js ] || npm run build >/dev/null
  echo "rendering the demo's PDFs..."
  (cd "$work" && node "$root/dist/cli/main.js" demo --out demo >demo.log 2>&1) || {
    cat "$work/demo.log" >&2
    exit 1
  }
  pdfs=()
  # A read loop rather than mapfile, which macOS's bash 3.2 lacks.
  while IFS= read -r pdf; do pdfs+=("$pdf"); done < <(find "$work/demo" -name '*.pdf' | sort)
fi
[ "${#pdfs[@]}" -gt 0 ] || { echo "no PDF to check" >&2; exit 1; }

failed=0
ran=0
summary=()

not_run() {
  echo "NOT RUN: $1 is not installed ($2)"
  summary+=("$1: not run (not installed)")
}

# check_each LABEL FUNCTION: FUNCTION PDF prints what is wrong and fails, or passes silently.
check_each() {
  local label="$1" check="$2" bad=0 pdf out
  ran=$((ran + 1))
  for pdf in "${pdfs[@]}"; do
    if out="$("$check" "$pdf" 2>&1)"; then
      echo "ok    $label $pdf"
    else
      echo "FAIL  $label $pdf"
      echo "$out" | sed 's/^/      /'
      bad=$((bad + 1))
    fi
  done
  summary+=("$label: $((${#pdfs[@]} - bad)) of ${#pdfs[@]} passed")
  failed=$((failed + bad))
}

# qpdf exits 0 when clean, 3 with warnings, 2 with errors: only a clean file passes.
qpdf_check() { qpdf --check "$1"; }

# pdffonts columns: name type encoding emb sub uni object ID, after two header lines.
fonts_embedded() {
  local unembedded
  unembedded="$(pdffonts "$1" | awk 'NR > 2 && $(NF-4) != "yes"')"
  [ -z "$unembedded" ] || { echo "fonts not embedded:"; echo "$unembedded"; return 1; }
}

if command -v qpdf >/dev/null 2>&1; then
  check_each "qpdf --check" qpdf_check
else
  not_run qpdf "apt-get install qpdf, brew install qpdf"
fi

if command -v pdffonts >/dev/null 2>&1; then
  check_each "pdffonts (every font embedded)" fonts_embedded
else
  not_run pdffonts "apt-get install poppler-utils, brew install poppler"
fi

# veraPDF's text report has one line per file starting with PASS or FAIL.
pdfa_2b() {
  local out
  out="$(verapdf --flavour 2b --format text "$1" 2>&1)" || true
  echo "$out"
  echo "$out" | grep -q '^PASS '
}

if command -v verapdf >/dev/null 2>&1; then
  check_each "verapdf (PDF/A-2b)" pdfa_2b
else
  not_run verapdf "https://verapdf.org/software/"
fi

echo
printf '%s\n' "${summary[@]}"
if [ "$failed" -gt 0 ]; then
  echo "$failed check(s) failed"
  exit 1
fi
if [ "$ran" -eq 0 ]; then
  echo "no check ran: install qpdf, poppler-utils or veraPDF"
  exit 2
fi
