#!/usr/bin/env bash
# Install the system packages intake needs on Debian/Ubuntu: Tesseract with Russian, Kazakh,
# English and orientation data, fonts for the fixture generator, Pango (WeasyPrint, the PDF report),
# Python venv support, unpaper and Ghostscript (the OCRmyPDF baseline of bench/pages.py), and
# LibreOffice Writer/Calc without GUI and Carlito (Calibri's metric clone): the eighth fixture family
# exports .docx/.xlsx to PDF with them.
# Idempotent: packages already present are not fetched again.
set -euo pipefail

PACKAGES=(
  tesseract-ocr tesseract-ocr-rus tesseract-ocr-kaz tesseract-ocr-eng tesseract-ocr-osd
  fonts-dejavu-core fonts-liberation2 poppler-utils
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
  python3-venv python3-dev
  postgresql redis-server
  chromium
  unpaper ghostscript
  libreoffice-writer-nogui libreoffice-calc-nogui fonts-crosextra-carlito
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "system packages: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
