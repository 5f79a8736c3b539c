#!/usr/bin/env bash
# make yotta-demo: build the yotta provider and yotta-mock, start the mock, apply
# yotta/examples/demo through a dev_overrides CLI config (no init needed), print what was
# created and the calls the mock answered, check the next plan is empty, destroy it, stop the
# mock. Exits non-zero on any failure. The Yotta counterpart of scripts/demo.sh.
set -euo pipefail
# shellcheck source=scripts/demo-lib.sh
source "$(dirname "$0")/demo-lib.sh"

demo_begin "$root/yotta/examples/demo/.demo"
echo "==> Building the yotta provider and yotta-mock"
demo_build terraform-provider-yotta ./cmd/terraform-provider-yotta yotta-mock ./cmd/yotta-mock
demo_start_mock yotta-mock
export YOTTA_API_KEY YOTTA_API_URL
echo "    Yotta API v2 at $YOTTA_API_URL/v2 (key in X-Api-Key), controls at $YOTTA_API_URL/_mock/"
demo_module registry.terraform.io/runpod-community/yotta "$root/yotta/examples/demo"

demo_apply
echo "==> Created (terraform state list)"
tf state list | sed 's/^/    /'
echo
demo_outputs
echo "==> API calls the mock answered (count, route)"
curl -fsS "$YOTTA_API_URL/_mock/calls?format=summary" | sed 's/^/  /'
echo
echo "==> terraform plan right after the apply"
if ! tf plan -input=false -detailed-exitcode -no-color >"$work/plan.log" 2>&1; then
  cat "$work/plan.log"
  echo "The plan right after the apply is not empty."
  exit 1
fi
echo "    No changes."
echo
demo_destroy
# Terminated pods stay readable (status TERMINATED) but are listed only when statusList asks;
# volumes are listed a page at a time, by storage type.
for kind in pods container-registry-auths serverless "volumes?storageType=CEPH"; do
  left="$(curl -fsS -H "X-Api-Key: $YOTTA_API_KEY" "$YOTTA_API_URL/v2/$kind")"
  case "$left" in
  *'"data":[]'* | *'"items":[]'*) ;;
  *)
    echo "destroy left $kind behind in the mock: $left"
    exit 1
    ;;
  esac
done
echo "==> Demo finished: everything created was destroyed, and the mock is stopped."
