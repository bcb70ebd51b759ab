#!/bin/sh
# Install petition into ./.venv and run the demo on the built-in sample mailbox.
# No server, no configuration, no network beyond the package index: SQLite only.
set -eu
cd "$(dirname "$0")/.."
. scripts/venv.sh
"$VENV/bin/pip" install --quiet .
"$VENV/bin/petition" demo "$@"
