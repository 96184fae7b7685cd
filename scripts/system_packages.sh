#!/usr/bin/env bash
# The Debian packages the tests need: Chromium (browser tests), LibreOffice Writer and Calc without GUI
# (documents and spreadsheets opened as the committees' clerks do), poppler-utils (pdftotext, pdftoppm),
# fonts-liberation (Times New Roman metrics in the PDFs), gettext (xgettext for the catalogue test), wrk (the
# benchmark's throughput, `make bench`).
#
# Installs the missing ones with apt-get when run as root; otherwise stops at once and prints the command.
# Used by `make test` and `.ci/run`. SYSTEM_PACKAGES_PREFIX (tests only) looks for the files under a
# different root; SYSTEM_PACKAGES_NO_INSTALL=1 never installs.
set -euo pipefail

P="${SYSTEM_PACKAGES_PREFIX:-}"
LO="$P/usr/lib/libreoffice/program"

have_package() {
  case "$1" in
    chromium) [ -x "$P/usr/bin/chromium" ] ;;
    libreoffice-writer-nogui) [ -x "$P/usr/bin/soffice" ] && [ -e "$LO/libswlo.so" ] ;;
    libreoffice-calc-nogui) [ -x "$P/usr/bin/soffice" ] && [ -e "$LO/libsclo.so" ] ;;
    poppler-utils) [ -x "$P/usr/bin/pdftotext" ] && [ -x "$P/usr/bin/pdftoppm" ] ;;
    fonts-liberation) compgen -G "$P/usr/share/fonts/truetype/liberation*/LiberationSerif-Regular.ttf" >/dev/null ;;
    gettext) [ -x "$P/usr/bin/xgettext" ] ;;
    wrk) [ -x "$P/usr/bin/wrk" ] ;;
  esac
}

missing=()
for package in chromium libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation gettext wrk; do
  have_package "$package" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && [ "${SYSTEM_PACKAGES_NO_INSTALL:-0}" != 1 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing the system packages the tests need: ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  exit 0
fi

echo "The tests need these system packages, which are missing: ${missing[*]}" >&2
echo "Install them (as root) with:" >&2
echo "  sudo apt-get install -y ${missing[*]}" >&2
exit 1
