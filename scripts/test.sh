#!/bin/sh
# Install what the tests need (Dovecot for IMAP, Chromium for the page check, the
# Python test dependencies) and run every test. As root on Debian it installs the
# system packages; elsewhere it uses what is there, and tests needing a missing
# program say so (under CI=true they fail instead).
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  need=""
  command -v dovecot >/dev/null || need="$need dovecot-imapd"
  command -v openssl >/dev/null || need="$need openssl"
  command -v chromium >/dev/null || need="$need chromium fonts-liberation"
  if [ -n "$need" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
  fi
fi
. scripts/venv.sh
# A real wheel, not an editable install: the tests run against what users get.
"$VENV/bin/pip" install --quiet ".[test]"
"$VENV/bin/ruff" check .
"$VENV/bin/python" -m pytest "$@"
