#!/usr/bin/env bash
# Builds the OpenTofu CLI from its source on the Go module proxy into OUT_DIR/tofu, for
# `make tofu-check`.
#
# Usage: tools/build-tofu.sh VERSION OUT_DIR     (VERSION without the v: 1.10.6)
#
# `go install` refuses github.com/opentofu/opentofu: its go.mod replaces HCL with OpenTofu's
# fork. The replace holds when the module is the main module, so this builds in a copy of it.
set -euo pipefail

version=${1:?usage: build-tofu.sh VERSION OUT_DIR}
out_dir=$(mkdir -p "${2:?usage: build-tofu.sh VERSION OUT_DIR}" && cd "$2" && pwd)
module=github.com/opentofu/opentofu

src=$(GOFLAGS= go mod download -json "$module@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "build-tofu.sh: could not download $module@v$version" >&2; exit 1; }

work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -R "$src"/. "$work"
chmod -R u+w "$work"
cd "$work"
GOFLAGS=-mod=mod go build -trimpath -ldflags "-X $module/version.dev=no" -o "$out_dir/tofu" ./cmd/tofu
"$out_dir/tofu" version | head -n 1
