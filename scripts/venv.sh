# Sourced by demo.sh and test.sh: make ./.venv (Debian's python3 needs python3-venv).
VENV=${VENV:-.venv}
if [ ! -x "$VENV/bin/pip" ]; then
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    fi
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install --quiet --upgrade pip
fi
