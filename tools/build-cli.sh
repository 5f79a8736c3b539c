#!/usr/bin/env bash
# Builds the Terraform or OpenTofu CLI from its source on the Go module proxy into OUT_DIR.
#
# Usage: tools/build-cli.sh terraform VERSION OUT_DIR   (VERSION without the v: 1.14.9)
#        tools/build-cli.sh tofu VERSION OUT_DIR        (1.10.6)
#
# Neither can be `go install`ed: their go.mod files hold replace directives, which hold only
# in the main module. So this builds in a copy of the module.
#
# Terraform 1.9 and later replace ten nested modules (nine remote-state backends,
# github.com/hashicorp/terraform/internal/backend/remote-state/*, and
# github.com/hashicorp/terraform/internal/legacy) with local directories that the module archive
# leaves out: the copy drops those ten requirements and replaces, and removes the nine backends
# from internal/backend/init (nothing else imports them; the local backend, which the tests
# use, stays). The binary reports the release version (the dev marker is switched off as the
# release builds do), but it is a build without the remote-state backends azurerm, consul,
# cos, gcs, kubernetes, oci, oss, pg and s3: use it for tests, not to manage real state.
# OpenTofu replaces HCL with its own fork, which the copy keeps.
set -euo pipefail

usage="usage: build-cli.sh terraform|tofu VERSION OUT_DIR"
cli=${1:?$usage}
version=${2:?$usage}
out_dir=$(mkdir -p "${3:?$usage}" && cd "$3" && pwd)
case $cli in
terraform) module=github.com/hashicorp/terraform main=. ;;
tofu) module=github.com/opentofu/opentofu main=./cmd/tofu ;;
*) echo "$usage" >&2; exit 2 ;;
esac

src=$(GOFLAGS= go mod download -json "$module@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "build-cli.sh: could not download $module@v$version" >&2; exit 1; }

work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -R "$src"/. "$work"
chmod -R u+w "$work"
cd "$work"

if [ "$cli" = terraform ]; then
	dropped=(azure consul cos gcs kubernetes oci oss pg s3)
	edits=()
	for backend in "${dropped[@]}"; do
		edits+=("-droprequire=$module/internal/backend/remote-state/$backend"
			"-dropreplace=$module/internal/backend/remote-state/$backend")
	done
	edits+=("-droprequire=$module/internal/legacy" "-dropreplace=$module/internal/legacy")
	go mod edit "${edits[@]}"

	# The import line and the map entry of each dropped backend in the module's list of
	# backends (init.go of its package internal/backend/init).
	for alias in backendAzure backendConsul backendCos backendGCS backendKubernetes backendOCI backendOSS backendPg backendS3; do
		(
			cd internal/backend/init
			grep -q "$alias" init.go || { echo "build-cli.sh: $alias not found in the backend list; this script knows Terraform 1.14's layout" >&2; exit 1; }
			sed -i "/^[[:space:]]*$alias \"/d; /$alias\.New/d" init.go
		)
	done
fi

GOFLAGS=-mod=mod go build -trimpath -ldflags "-X $module/version.dev=no" -o "$out_dir/$cli" "$main"
"$out_dir/$cli" version 2>/dev/null | head -n 1
