#!/usr/bin/env bash
# Builds a Terraform CLI from its source on the Go module proxy into OUT_DIR/terraform.
#
# Usage: tools/build-terraform.sh VERSION OUT_DIR     (VERSION without the v: 1.14.9)
#
# Terraform 1.9 and later cannot be `go install`ed: their go.mod replaces ten nested modules (nine
# remote-state backends, github.com/hashicorp/terraform/internal/backend/remote-state/*, and
# github.com/hashicorp/terraform/internal/legacy) with local directories that the module archive
# leaves out. So this copies the module, drops those ten
# requirements and replaces, and removes the nine backends from internal/backend/init (nothing else
# imports them; the local backend, which the tests use, stays), then builds. The binary reports the
# release version (the dev marker is switched off as Terraform's release build does), but it is a
# build from source without the remote-state backends azurerm, consul, cos, gcs, kubernetes, oci,
# oss, pg and s3: use it for tests, not to manage real state.
set -euo pipefail

version=${1:?usage: build-terraform.sh VERSION OUT_DIR}
out_dir=$(mkdir -p "${2:?usage: build-terraform.sh VERSION OUT_DIR}" && cd "$2" && pwd)
module=github.com/hashicorp/terraform

src=$(GOFLAGS= go mod download -json "$module@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "build-terraform.sh: could not download $module@v$version" >&2; exit 1; }

work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -R "$src"/. "$work"
chmod -R u+w "$work"
cd "$work"

dropped=(azure consul cos gcs kubernetes oci oss pg s3)
edits=()
for backend in "${dropped[@]}"; do
	edits+=("-droprequire=$module/internal/backend/remote-state/$backend"
		"-dropreplace=$module/internal/backend/remote-state/$backend")
done
edits+=("-droprequire=$module/internal/legacy" "-dropreplace=$module/internal/legacy")
go mod edit "${edits[@]}"

# The import line and the map entry of each dropped backend in the module's list of backends
# (init.go of its package internal/backend/init).
for alias in backendAzure backendConsul backendCos backendGCS backendKubernetes backendOCI backendOSS backendPg backendS3; do
	(
		cd internal/backend/init
		grep -q "$alias" init.go || { echo "build-terraform.sh: $alias not found in the backend list; this script knows Terraform 1.14's layout" >&2; exit 1; }
		sed -i "/^[[:space:]]*$alias \"/d; /$alias\.New/d" init.go
	)
done

mkdir -p "$out_dir"
GOFLAGS=-mod=mod go build -trimpath -ldflags "-X $module/version.dev=no" -o "$out_dir/terraform" .
"$out_dir/terraform" version | head -n 1
