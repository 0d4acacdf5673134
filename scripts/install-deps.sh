#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Install the Debian packages microkraft needs to build, test and run.
# Idempotent: packages already present are left alone.
set -eu

pkgs="gcc make autoconf automake pkg-config musl-tools musl-dev check
qemu-system-x86 cpio tcl xz-utils"

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed' || missing="$missing $p"
done
[ -n "$missing" ] || exit 0

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "install-deps: installing$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
	--no-install-recommends $missing
