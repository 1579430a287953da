#!/usr/bin/env bash
# Installs the system packages heardline needs, when missing: espeak-ng (the
# voice) and ffmpeg (encoding, ffprobe); with --test also what the validators
# need: a Java runtime (EPUBCheck), Chromium and Node.js (Ace by DAISY).
# As root it uses apt-get; otherwise it names what to install and fails.
set -euo pipefail
need=()
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
ldconfig -p 2>/dev/null | grep -q libespeak-ng || need+=(libespeak-ng1)
if [ "${1:-}" = "--test" ]; then
  # EPUBCheck runs on Java; Ace by DAISY runs on Node.js with a Chromium
  command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
fi
[ ${#need[@]} -eq 0 ] && exit 0
mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "heardline needs these system packages: ${need[*]}" >&2
  echo "install them, e.g.: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
