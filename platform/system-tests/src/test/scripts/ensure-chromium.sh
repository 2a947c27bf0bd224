#!/bin/sh
# The browser tests drive Debian's chromium (Playwright's own browser download does not work here). Runs before the
# integration tests: finds it, or installs it, or fails the build saying how to fix it. Never a silent skip.
set -eu
CHROMIUM="${CHROMIUM_EXECUTABLE:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  echo "Browser tests will use $CHROMIUM"
  exit 0
fi
echo "Chromium is not installed ($CHROMIUM is missing): installing Debian's chromium package for the browser tests."
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "FAILED: installing chromium needs root. Run 'sudo apt-get install -y chromium' (or set CHROMIUM_EXECUTABLE" >&2
  echo "to a Chromium binary), then run the build again." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "FAILED: no apt-get here. Install Chromium and set CHROMIUM_EXECUTABLE to its binary." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -q && $SUDO apt-get install -y -q chromium; }; then
  echo "FAILED: apt-get could not install chromium; the browser tests cannot run." >&2
  exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "FAILED: the chromium package is installed but $CHROMIUM is not there." >&2
  exit 1
fi
echo "Installed $CHROMIUM"
