#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (needs root, as on CI). Never fatal:
# without it the browser tests skip and say why.
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then echo "chromium is not installed and this is not root: browser tests will skip" >&2; exit 0; fi
echo "installing Debian's chromium for the browser tests…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || true
apt-get install -y -qq chromium >&2 || echo "could not install chromium: browser tests will skip" >&2
