# shellcheck shell=bash
# What scripts/demo.sh (make demo) and scripts/yotta-demo.sh (make yotta-demo) do alike: build
# a provider and its mock, start the mock, apply a demo module with the build through a
# dev_overrides CLI config (no init needed), and destroy what it made. Source it after
# `set -euo pipefail`: a failure exits the script.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
terraform="${TERRAFORM:-terraform}"

# demo_begin WORK: a fresh working folder, WORK, with WORK/bin for the builds.
demo_begin() {
  work="$1"
  rm -rf "$work"
  mkdir -p "$work/bin"
}

# demo_build NAME PACKAGE [NAME PACKAGE ...]: builds each package of the module into
# $work/bin/NAME.
demo_build() {
  while [ $# -gt 0 ]; do
    (cd "$root" && go build -o "$work/bin/$1" "$2")
    shift 2
  done
}

# demo_start_mock MOCK: starts $work/bin/MOCK on 127.0.0.1, stopped when the script exits, and
# reads the variables it writes (its URLs and API key).
demo_start_mock() {
  echo "==> Starting $1 on 127.0.0.1"
  "$work/bin/$1" -boot-delay 2s -env-file "$work/mock.env" >"$work/mock.log" 2>&1 &
  mock_pid=$!
  trap demo_stop_mock EXIT
  for _ in $(seq 1 50); do
    [ -s "$work/mock.env" ] && break
    sleep 0.1
  done
  [ -s "$work/mock.env" ] || { echo "$1 did not start:"; cat "$work/mock.log"; exit 1; }
  # shellcheck disable=SC1091
  source "$work/mock.env"
}

demo_stop_mock() {
  kill "$mock_pid" 2>/dev/null || true
  wait "$mock_pid" 2>/dev/null || true
}

# demo_module ADDRESS MODULE: has Terraform take the provider at registry ADDRESS from
# $work/bin (dev_overrides), and copies the module in folder MODULE to $work/module, where tf
# runs, so that state and Terraform's data stay out of the examples.
demo_module() {
  cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "$1" = "$work/bin"
  }
  direct {}
}
CFG
  export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
  mkdir -p "$work/module"
  cp "$2"/*.tf "$work/module/"
}

tf() { "$terraform" -chdir="$work/module" "$@"; }

# demo_apply: applies the module, and prints how long each object took and the warnings.
# With dev_overrides Terraform uses the local build directly; `terraform init` is neither
# needed nor possible offline (it would ask registry.terraform.io), as Terraform itself says.
demo_apply() {
  echo "==> terraform apply (provider from dev_overrides: $work/bin)"
  if ! tf apply -input=false -auto-approve -no-color >"$work/apply.log" 2>&1; then
    cat "$work/apply.log"
    exit 1
  fi
  grep -E 'complete after|Apply complete|Warning:' "$work/apply.log" | sed 's/^/    /'
  echo
}

# demo_outputs: prints the module's outputs.
demo_outputs() {
  echo "==> Outputs"
  tf output -no-color | sed 's/^/    /'
  echo
}

# demo_destroy: destroys what the module made.
demo_destroy() {
  echo "==> terraform destroy"
  tf destroy -input=false -auto-approve -no-color >"$work/destroy.log" 2>&1 || { cat "$work/destroy.log"; exit 1; }
  tail -n 1 "$work/destroy.log"
}
