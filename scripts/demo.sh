#!/usr/bin/env bash
# make demo: build the provider and the mock, start the mock, apply examples/demo through a
# dev_overrides CLI config (no init needed), print what was created, destroy it, stop the mock. Exits non-zero
# on any failure.
set -euo pipefail
# shellcheck source=scripts/demo-lib.sh
source "$(dirname "$0")/demo-lib.sh"

demo_begin "$root/examples/demo/.demo"
echo "==> Building the provider and runpod-mock"
demo_build terraform-provider-runpod . runpod-mock ./cmd/runpod-mock
demo_start_mock runpod-mock
echo "    REST v2 $RUNPOD_API_URL/v2 (the provider's default API; RUNPOD_API_VERSION=v1 for REST v1 at $RUNPOD_REST_URL), GraphQL $RUNPOD_GRAPHQL_URL"
demo_module registry.terraform.io/runpod-community/runpod "$root/examples/demo"
export RUNPOD_API_KEY RUNPOD_API_URL RUNPOD_REST_URL RUNPOD_GRAPHQL_URL

demo_apply
echo "==> Created (terraform state list: resources)"
tf state list | grep -v '^data\.' | sed 's/^/    /'
echo
echo "==> Read (data sources)"
tf state list | grep '^data\.' | sed 's/^/    /' || echo "    (none)"
echo
demo_outputs
echo "==> API calls the mock answered (count, route)"
curl -fsS "$RUNPOD_API_URL/_mock/calls?format=summary" >"$work/calls.txt"
sed 's/^/  /' "$work/calls.txt"
awk '{ n += $1 } END { printf "  %4d  in all, over %d routes\n", n, NR }' "$work/calls.txt"
echo
demo_destroy
for kind in pods endpoints templates networkvolumes; do
  left="$(curl -fsS -H "Authorization: Bearer $RUNPOD_API_KEY" "$RUNPOD_REST_URL/$kind")"
  [ "$left" = "[]" ] || { echo "destroy left $kind behind in the mock: $left"; exit 1; }
done
echo "==> Demo finished: everything created was destroyed, and the mock is stopped."
