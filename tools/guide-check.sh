#!/usr/bin/env bash
# The mock guide's CI recipe, run as written: the `run:` script of its GitHub Actions workflow
# (docs/guides/testing-with-runpod-mock.md) is taken from the guide and run in a scratch copy
# of the guide's example module, against a local "release" laid out as goreleaser lays it out
# (runpod-mock_<version>_linux_amd64.tar.gz and terraform-provider-runpod_<version>_SHA256SUMS),
# reached through a file:// URL instead of GitHub. Two departures, both forced by running
# offline with a local build: the base URL, and `terraform init` (the provider comes from
# dev_overrides, TF_CLI_CONFIG_FILE, for which init is skipped, as the guide says).
# Needs TERRAFORM, TF_CLI_CONFIG_FILE and RUNPOD_MOCK (make examples-check sets them).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
terraform="${TERRAFORM:-terraform}"
mock="${RUNPOD_MOCK:?set RUNPOD_MOCK to a runpod-mock binary}"
: "${TF_CLI_CONFIG_FILE:?set TF_CLI_CONFIG_FILE to a dev_overrides CLI configuration}"
guide="$root/docs/guides/testing-with-runpod-mock.md"

if [ "$(uname -s)/$(uname -m)" != "Linux/x86_64" ]; then
  echo "==> guide check skipped: the guide's workflow downloads linux_amd64 archives"
  exit 0
fi
echo "==> The mock guide's GitHub Actions run script, against a local release"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
version=0.0.0-guidecheck
mkdir -p "$scratch/release" "$scratch/module" "$scratch/bin"
cp "$mock" "$scratch/release/runpod-mock"
(cd "$scratch/release" && tar -czf "runpod-mock_${version}_linux_amd64.tar.gz" runpod-mock && rm runpod-mock &&
  sha256sum "runpod-mock_${version}_linux_amd64.tar.gz" >"terraform-provider-runpod_${version}_SHA256SUMS")

# The script: the block under `run: |` of the workflow, unindented.
awk '/^        run: \|$/ { on = 1; next } on && /^```/ { exit } on { sub(/^          /, ""); print }' "$guide" >"$scratch/run.sh"
if ! grep -q 'runpod-mock -boot-delay' "$scratch/run.sh" || ! grep -q '^terraform test$' "$scratch/run.sh"; then
  echo "    FAIL  could not find the workflow's run script in $guide"
  exit 1
fi
sed -i -e "s#^base=\"https://github.com/runpod-community/terraform-provider-runpod/releases/download/v\$v\"#base=\"file://$scratch/release\"#" \
  -e 's#^terraform init -input=false$#: terraform init skipped: the provider comes from dev_overrides#' "$scratch/run.sh"
grep -q "^base=\"file://" "$scratch/run.sh" || { echo "    FAIL  the run script's base URL line changed: update tools/guide-check.sh"; exit 1; }

cp "$root"/examples/guides/testing-with-runpod-mock/*.tf "$scratch/module/"
cp -R "$root"/examples/guides/testing-with-runpod-mock/tests "$scratch/module/"
# terraform as the workflow's PATH has it (setup-terraform).
ln -s "$(command -v "$terraform")" "$scratch/bin/terraform"
if (cd "$scratch/module" && PATH="$scratch/bin:$PATH" RUNPOD_PROVIDER_VERSION=$version TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 \
  NO_COLOR=1 timeout 600 bash -euo pipefail -c "trap 'kill \$(jobs -p) 2>/dev/null || true' EXIT; . $scratch/run.sh" >"$scratch/run.log" 2>&1); then
  runs="$(sed "s/\x1b\[[0-9;]*m//g" "$scratch/run.log" | grep -c "^  run \".*pass$" || true)"
  grep -q "runpod-mock_${version}_linux_amd64.tar.gz: OK" "$scratch/run.log" || { echo "    FAIL  no checksum check in:"; cat "$scratch/run.log"; exit 1; }
  [ "$runs" -gt 0 ] || { echo "    FAIL  no terraform test run passed:"; cat "$scratch/run.log"; exit 1; }
  echo "    ok    archive checksum checked, mock started, $runs terraform test runs passed"
else
  echo "    FAIL  the guide's run script:"
  sed 's/^/          /' "$scratch/run.log"
  exit 1
fi
