#!/usr/bin/env bash
# Runs a command the way it runs on an admin's Linux desktop: inside a private D-Bus session bus with an
# unlocked GNOME keyring (the Secret Service keytar talks to). Scratch HOME and XDG_RUNTIME_DIR keep the
# tests away from the real user's keyring, config and browser profile.
set -euo pipefail
if [ "${TASKWATCH_DESKTOP_SESSION:-}" = 1 ]; then exec "$@"; fi
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "desktop-session: $tool is missing (apt-get install dbus gnome-keyring)" >&2; exit 2; }
done
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/run"
chmod 700 "$scratch/run"
export HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/run" TASKWATCH_DESKTOP_SESSION=1
# The unlock password must be non-empty, or the login collection is never created.
dbus-run-session -- bash -c 'printf "taskwatch-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' desktop-session "$@"
