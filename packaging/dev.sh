#!/usr/bin/env bash
# One entry point for newcomers and CI:
#   packaging/dev.sh app    set up and start the desktop app
#   packaging/dev.sh test   set up and run every test (including building the app bundle and
#                           smoke-testing it; `-m "not bundle"` skips that minute)
#   packaging/dev.sh bench  set up and run the benchmarks in full (needs ../shared/corpus); ends
#                           with the table of headline figures (also out/bench/figures.md).
#                           The test run includes them in a quick mode.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${CLAUSEMARK_VENV:-.venv}"
QT_LIBS="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3"

install_qt_libs() {
    # Qt needs a few shared libraries that a bare Debian lacks.
    local missing=()
    for pkg in $QT_LIBS; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing system libraries for Qt: ${missing[*]}"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

stamp_of() {
    # What the environment was installed from: pyproject.toml and the extras asked for.
    { cat pyproject.toml; echo "extras: test$1"; } | sha256sum | cut -d" " -f1
}

setup() {
    # Installs only when the environment is missing or pyproject.toml (or the extras) changed
    # since the last install, so an everyday start needs no network and no pip.
    local stamp_file="$VENV/.clausemark-installed$1" want
    want="$(stamp_of "$1")"
    if [ -x "$VENV/bin/python" ] && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want" ]; then
        return 0
    fi
    command -v dpkg-query >/dev/null && install_qt_libs
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[test$1]"
    echo "$want" > "$stamp_file"
    # test+build includes test: `app` after `test` needs no install either
    [ -n "$1" ] && stamp_of "" > "$VENV/.clausemark-installed"
    return 0
}

case "${1:-}" in
    app)   setup ""; shift; exec "$VENV/bin/clausemark" "$@" ;;
    test)  setup ",build"; shift; exec "$VENV/bin/python" -m pytest -q "$@" ;;
    bench) setup ",build"; shift; exec "$VENV/bin/python" -m pytest -q -s --bench=full tests/bench "$@" ;;
    build) setup ",build"; shift; exec "$VENV/bin/python" packaging/build.py "$@" ;;
    *) echo "usage: packaging/dev.sh app|test|bench|build [args]" >&2; exit 2 ;;
esac
