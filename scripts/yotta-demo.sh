#!/usr/bin/env bash
# make yotta-demo: build the yotta provider and yotta-mock, start the mock, apply
# yotta/examples/demo through a dev_overrides CLI config (no init needed), print what was
# created and the calls the mock answered, check the next plan is empty, destroy it, stop the
# mock. Exits non-zero on any failure. The Yotta counterpart of scripts/demo.sh.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
terraform="${TERRAFORM:-terraform}"
work="$root/yotta/examples/demo/.demo"
rm -rf "$work"
mkdir -p "$work/bin"

echo "==> Building the yotta provider and yotta-mock"
(cd "$root" && go build -o "$work/bin/terraform-provider-yotta" ./cmd/terraform-provider-yotta &&
  go build -o "$work/bin/yotta-mock" ./cmd/yotta-mock)

echo "==> Starting yotta-mock on 127.0.0.1"
"$work/bin/yotta-mock" -boot-delay 2s -env-file "$work/mock.env" >"$work/mock.log" 2>&1 &
mock_pid=$!
cleanup() {
  kill "$mock_pid" 2>/dev/null || true
  wait "$mock_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 50); do
  [ -s "$work/mock.env" ] && break
  sleep 0.1
done
[ -s "$work/mock.env" ] || { echo "yotta-mock did not start:"; cat "$work/mock.log"; exit 1; }
# shellcheck disable=SC1091
source "$work/mock.env"
export YOTTA_API_KEY YOTTA_API_URL
echo "    Yotta API v2 at $YOTTA_API_URL/v2 (key in X-Api-Key), controls at $YOTTA_API_URL/_mock/"

cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "registry.terraform.io/runpod-community/yotta" = "$work/bin"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
# Apply a copy of the module, so state and Terraform's data stay out of yotta/examples/.
mkdir -p "$work/module"
cp "$root"/yotta/examples/demo/*.tf "$work/module/"
tf() { "$terraform" -chdir="$work/module" "$@"; }

# With dev_overrides Terraform uses the local build directly; `terraform init` is neither
# needed nor possible offline (it would ask registry.terraform.io).
echo "==> terraform apply (provider from dev_overrides: $work/bin)"
if ! tf apply -input=false -auto-approve -no-color >"$work/apply.log" 2>&1; then
  cat "$work/apply.log"
  exit 1
fi
grep -E 'complete after|Apply complete|Warning:' "$work/apply.log" | sed 's/^/    /'
echo
echo "==> Created (terraform state list)"
tf state list | sed 's/^/    /'
echo
echo "==> Outputs"
tf output -no-color | sed 's/^/    /'
echo
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
echo "==> terraform destroy"
tf destroy -input=false -auto-approve -no-color >"$work/destroy.log" 2>&1 || { cat "$work/destroy.log"; exit 1; }
tail -n 1 "$work/destroy.log"
# Terminated pods stay readable (status TERMINATED) but are listed only when statusList asks.
for kind in pods container-registry-auths; do
  left="$(curl -fsS -H "X-Api-Key: $YOTTA_API_KEY" "$YOTTA_API_URL/v2/$kind")"
  case "$left" in
  *'"data":[]'*) ;;
  *)
    echo "destroy left $kind behind in the mock: $left"
    exit 1
    ;;
  esac
done
echo "==> Demo finished: everything created was destroyed, and the mock is stopped."
