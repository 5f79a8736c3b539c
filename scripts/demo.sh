#!/usr/bin/env bash
# make demo: build the provider and the mock, start the mock, apply examples/demo through a
# dev_overrides CLI config (no init needed), print what was created, destroy it, stop the mock. Exits non-zero
# on any failure.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
terraform="${TERRAFORM:-terraform}"
work="$root/examples/demo/.demo"
rm -rf "$work"
mkdir -p "$work/bin"

echo "==> Building the provider and runpod-mock"
(cd "$root" && go build -o "$work/bin/terraform-provider-runpod" . && go build -o "$work/bin/runpod-mock" ./cmd/runpod-mock)

echo "==> Starting runpod-mock on 127.0.0.1"
"$work/bin/runpod-mock" -boot-delay 2s -env-file "$work/mock.env" >"$work/mock.log" 2>&1 &
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
[ -s "$work/mock.env" ] || { echo "runpod-mock did not start:"; cat "$work/mock.log"; exit 1; }
# shellcheck disable=SC1091
source "$work/mock.env"
echo "    REST v2 $RUNPOD_API_URL/v2 (the provider's default API; RUNPOD_API_VERSION=v1 for REST v1 at $RUNPOD_REST_URL), GraphQL $RUNPOD_GRAPHQL_URL"

cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "registry.terraform.io/runpod-community/runpod" = "$work/bin"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export RUNPOD_API_KEY RUNPOD_API_URL RUNPOD_REST_URL RUNPOD_GRAPHQL_URL
# Apply a copy of the module, so state and Terraform's data stay out of examples/.
mkdir -p "$work/module"
cp "$root"/examples/demo/*.tf "$work/module/"
tf() { "$terraform" -chdir="$work/module" "$@"; }

# With dev_overrides Terraform uses the local build directly; `terraform init` is neither
# needed nor possible offline (it would ask registry.terraform.io), as Terraform itself says.
echo "==> terraform apply (provider from dev_overrides: $work/bin)"
if ! tf apply -input=false -auto-approve -no-color >"$work/apply.log" 2>&1; then
  cat "$work/apply.log"
  exit 1
fi
grep -E 'complete after|Apply complete|Warning:' "$work/apply.log" | sed 's/^/    /'
echo
echo "==> Created (terraform state list: resources)"
tf state list | grep -v '^data\.' | sed 's/^/    /'
echo
echo "==> Read (data sources)"
tf state list | grep '^data\.' | sed 's/^/    /' || echo "    (none)"
echo
echo "==> Outputs"
tf output -no-color | sed 's/^/    /'
echo
echo "==> API calls the mock answered (count, route)"
curl -fsS "$RUNPOD_API_URL/_mock/calls?format=summary" >"$work/calls.txt"
sed 's/^/  /' "$work/calls.txt"
awk '{ n += $1 } END { printf "  %4d  in all, over %d routes\n", n, NR }' "$work/calls.txt"
echo
echo "==> terraform destroy"
tf destroy -input=false -auto-approve -no-color >"$work/destroy.log" 2>&1 || { cat "$work/destroy.log"; exit 1; }
tail -n 1 "$work/destroy.log"
for kind in pods endpoints templates networkvolumes; do
  left="$(curl -fsS -H "Authorization: Bearer $RUNPOD_API_KEY" "$RUNPOD_REST_URL/$kind")"
  [ "$left" = "[]" ] || { echo "destroy left $kind behind in the mock: $left"; exit 1; }
done
echo "==> Demo finished: everything created was destroyed, and the mock is stopped."
