#!/bin/sh
# Adds Clausemark to the desktop's application menu for this user (no administrator needed).
# Run it from the unpacked clausemark folder; run it again after moving the folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$apps"
sed "s|@APPDIR@|$here|g" "$here/clausemark.desktop" > "$apps/clausemark.desktop"
echo "Clausemark added to the application menu ($apps/clausemark.desktop)"
