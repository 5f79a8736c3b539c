#!/usr/bin/env bash
# make examples-check: every example under examples/ is `terraform fmt`-ed, and every folder of
# them passes `terraform validate` (TERRAFORM_VALIDATE's) against the provider as built now. TF_CLI_CONFIG_FILE must
# point at a dev_overrides configuration for that build (the Makefile writes one), so no
# `terraform init` and no registry are needed. Each import.sh must import its own resource type.
# Examples with `terraform test` files run their tests against runpod-mock (RUNPOD_MOCK).
# The yotta provider's examples get the same checks: EXAMPLES_DIR=yotta/examples, with
# MOCK=<a yotta-mock binary> and MOCK_NAME=yotta-mock (make yotta-examples-check).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
terraform="${TERRAFORM:-terraform}"
# Examples import by resource identity (Terraform 1.12+): validate with a Terraform that knows it
# (TERRAFORM_VALIDATE, the Makefile's TERRAFORM_QUERY); fmt and the tests use TERRAFORM.
validate_terraform="${TERRAFORM_VALIDATE:-$terraform}"
examples="${EXAMPLES_DIR:-examples}"
mock_name="${MOCK_NAME:-runpod-mock}"
: "${TF_CLI_CONFIG_FILE:?set TF_CLI_CONFIG_FILE to a dev_overrides CLI configuration (make examples-check does)}"
export TF_CLI_CONFIG_FILE TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
cd "$root"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

echo "==> terraform fmt -check $examples/"
if ! "$terraform" fmt -check -recursive -diff -no-color "$examples" >"$scratch/fmt.log" 2>&1; then
  cat "$scratch/fmt.log"
  echo "Not terraform fmt-ed (run make fmt)."
  exit 1
fi

echo "==> terraform validate, one example folder at a time (provider from dev_overrides)"
failed=0
count=0
# Hidden folders (.demo/, .terraform/) hold run artefacts, not examples.
while IFS= read -r dir; do
  count=$((count + 1))
  data_dir="$scratch/tfdata-$count"
  if TF_DATA_DIR="$data_dir" "$validate_terraform" -chdir="$dir" validate -no-color >"$scratch/validate.log" 2>&1; then
    echo "    ok    $dir"
  else
    echo "    FAIL  $dir"
    sed 's/^/          /' "$scratch/validate.log"
    failed=$((failed + 1))
  fi
done < <(find "$examples" -name '*.tf' -not -path '*/.*' -printf '%h\n' | sort -u)

for script in "$examples"/resources/*/import.sh; do
  [ -e "$script" ] || continue
  type="$(basename "$(dirname "$script")")"
  if ! grep -Eq "^terraform import ${type}\.[A-Za-z0-9_-]+ " "$script"; then
    echo "    FAIL  $script: expected a line 'terraform import ${type}.<name> <id>'"
    failed=$((failed + 1))
  fi
  if ! bash -n "$script"; then
    echo "    FAIL  $script: not valid shell"
    failed=$((failed + 1))
  fi
done

# Examples with `terraform test` files run them against the mock, as the mock guide shows.
mapfile -t test_dirs < <(find "$examples" -name '*.tftest.hcl' -not -path '*/.*' -printf '%h\n' | sed 's#/tests$##' | sort -u)
if [ "${#test_dirs[@]}" -gt 0 ]; then
  echo "==> terraform test against $mock_name"
  mock="${MOCK:-${RUNPOD_MOCK:?set RUNPOD_MOCK to a runpod-mock binary (make examples-check builds one)}}"
  if ! version="$("$mock" -version)" || [[ "$version" != "$mock_name "* ]]; then
    echo "$mock_name -version printed '$version', want '$mock_name <version>'"
    exit 1
  fi
  echo "    $version"
  "$mock" -boot-delay 1s -env-file "$scratch/mock.env" >"$scratch/mock.log" 2>&1 &
  mock_pid=$!
  trap 'kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; rm -rf "$scratch"' EXIT
  for _ in $(seq 1 100); do
    [ -s "$scratch/mock.env" ] && break
    sleep 0.1
  done
  if [ ! -s "$scratch/mock.env" ]; then
    echo "$mock_name did not start:"
    cat "$scratch/mock.log"
    exit 1
  fi
  # shellcheck disable=SC1091
  source "$scratch/mock.env"
  export RUNPOD_API_KEY RUNPOD_API_URL RUNPOD_REST_URL RUNPOD_GRAPHQL_URL
  for dir in "${test_dirs[@]}"; do
    count=$((count + 1))
    if TF_DATA_DIR="$scratch/tfdata-$count" "$terraform" -chdir="$dir" test -no-color >"$scratch/test.log" 2>&1; then
      echo "    ok    $dir ($(grep -c '^  run ".*pass$' "$scratch/test.log") runs)"
    else
      echo "    FAIL  $dir"
      sed 's/^/          /' "$scratch/test.log"
      failed=$((failed + 1))
    fi
  done
fi

if [ "$count" -eq 0 ]; then
  echo "No example found under $examples/."
  exit 1
fi
if [ "$failed" -ne 0 ]; then
  echo "$failed example check(s) failed."
  exit 1
fi
echo "    examples ok."
