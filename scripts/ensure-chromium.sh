#!/usr/bin/env bash
# Before the test suite: the end-to-end tests drive Debian's Chromium (Playwright's own
# browser download does not work offline), and the statement tests read PDFs with poppler's
# pdftotext. Install what is missing when allowed.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${missing[*]} for the tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need ${missing[*]} (Chromium at $CHROMIUM for end-to-end tests, pdftotext for statements)." >&2
echo "Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}) or set CHROMIUM_PATH." >&2
exit 1
