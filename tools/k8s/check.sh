#!/usr/bin/env bash
# npm run k8s:check: renders both overlays of infra/k8s with kustomize and checks every object with
# Kubernetes' own code (tools/k8s/validate: strict decoding into k8s.io/api, the API server's defaulting,
# conversion and validation, then the store's best-practice rules). First proves the check can fail: each
# manifest in tools/k8s/testdata must be rejected with the error it names. Last stdout line: the validator's JSON.
# kustomize and the validator are built once from the Go module proxy and cached in ~/.cache/gaara.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
# shellcheck source=tools/stack/lib/common.sh
source tools/stack/lib/common.sh
say() { printf 'k8s: %s\n' "$*"; }
die() { printf 'k8s: error: %s\n' "$*" >&2; exit 1; }

KUSTOMIZE_VERSION="${GAARA_KUSTOMIZE_VERSION:-v5.7.1}"
KUSTOMIZE_MODULE=sigs.k8s.io/kustomize/kustomize/v5
KUSTOMIZE_BIN="$CACHE_DIR/kustomize/$KUSTOMIZE_VERSION/kustomize"
VALIDATE_SRC="$root/tools/k8s/validate"
OVERLAYS=(local production)

# Diagnostics go to stderr: stdout's last line stays the JSON summary.
kustomize_build() {
  [ -x "$KUSTOMIZE_BIN" ] && return 0
  require_cmd go "kustomize is built from its Go module, install Go from https://go.dev/dl"
  local build_log="$CACHE_DIR/kustomize/build-$KUSTOMIZE_VERSION.log" module_dir
  mkdir -p "$(dirname "$KUSTOMIZE_BIN")"
  say "kustomize: building $KUSTOMIZE_MODULE@$KUSTOMIZE_VERSION (first time only, about two minutes; log: $build_log)" >&2
  module_dir=$(go mod download -json "$KUSTOMIZE_MODULE@$KUSTOMIZE_VERSION" 2>>"$build_log" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  if [ -z "$module_dir" ] || [ ! -d "$module_dir" ]; then
    show_log_tail "$build_log"
    die "kustomize: go mod download $KUSTOMIZE_MODULE@$KUSTOMIZE_VERSION failed"
  fi
  with_progress "kustomize go build" go_build_in "$module_dir" "$KUSTOMIZE_BIN.tmp" "$build_log" >&2 \
    || { show_log_tail "$build_log"; die "kustomize: go build failed"; }
  mv "$KUSTOMIZE_BIN.tmp" "$KUSTOMIZE_BIN"
}

go_build_in() {
  (cd "$1" && go build -trimpath -buildvcs=false -o "$2" .) >>"$3" 2>&1
}

# The validator is cached by the hash of its sources: an edit rebuilds it (seconds once its modules are built).
validator_build() {
  local hash
  hash=$(cat "$VALIDATE_SRC"/go.mod "$VALIDATE_SRC"/go.sum "$VALIDATE_SRC"/*.go | sha256sum | cut -c1-16)
  VALIDATE_BIN="$CACHE_DIR/k8s-validate/$hash/validate"
  [ -x "$VALIDATE_BIN" ] && return 0
  require_cmd go "the validator is built with Go, install Go from https://go.dev/dl"
  local build_log="$CACHE_DIR/k8s-validate/build-$hash.log"
  mkdir -p "$(dirname "$VALIDATE_BIN")"
  say "validator: building tools/k8s/validate with k8s.io/kubernetes (first time only, about two minutes; log: $build_log)" >&2
  with_progress "validator go build" go_build_in "$VALIDATE_SRC" "$VALIDATE_BIN.tmp" "$build_log" >&2 \
    || { show_log_tail "$build_log"; die "validator: go build failed"; }
  mv "$VALIDATE_BIN.tmp" "$VALIDATE_BIN"
  # Only the current build is kept.
  find "$CACHE_DIR/k8s-validate" -mindepth 1 -maxdepth 1 ! -name "$hash" ! -name "build-$hash.log" -exec rm -rf {} +
}

kustomize_build
validator_build

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The store's services are the ones the topology generates a base ConfigMap for; gRPC or HTTP by their port.
apps=() grpc=() http=()
for env in infra/k8s/base/*.env; do
  name=$(basename "$env" .env)
  [ "$name" = platform ] && continue
  apps+=("$name")
  if grep -q '^GAARA_GRPC_PORT=' "$env"; then grpc+=("$name"); else http+=("$name"); fi
done
# Autoscaled (issue #14): notification's work follows its Kafka partitions, the aggregator only fans out to peers.
autoscaled=(gateway catalog invoice payment)
# The kernel's stop bound (libs/service): the grace period must exceed it.
stop_bound_ms=$(sed -n 's/.*stopBoundMs ?? \([0-9][0-9]*\).*/\1/p' libs/service/src/service-kernel.ts | head -n1)
[ -n "$stop_bound_ms" ] || die "cannot read the stop bound from libs/service/src/service-kernel.ts"
join() { local IFS=,; echo "$*"; }

# 1. The check can fail: each case is rejected, with its expected error.
negatives_failed=0
for case_file in tools/k8s/testdata/*.yaml; do
  expect=$(sed -n 's/^# expect: //p' "$case_file")
  read -r -a flags <<<"$(sed -n 's/^# flags: //p' "$case_file")"
  if "$VALIDATE_BIN" "${flags[@]}" "case=$case_file" >"$work/case.out" 2>"$work/case.err"; then
    say "negative case $(basename "$case_file"): accepted, but it must be rejected ($expect)" >&2
    negatives_failed=$((negatives_failed + 1))
  elif ! grep -qF -- "$expect" "$work/case.err"; then
    say "negative case $(basename "$case_file"): rejected without \"$expect\":" >&2
    cat "$work/case.err" >&2
    negatives_failed=$((negatives_failed + 1))
  else
    say "negative case $(basename "$case_file"): rejected ($(head -n1 "$work/case.err"))"
  fi
done

# 2. Both overlays, rendered as `kubectl apply -k` renders them, checked together.
inputs=()
for overlay in "${OVERLAYS[@]}"; do
  "$KUSTOMIZE_BIN" build "infra/k8s/overlays/$overlay" >"$work/$overlay.yaml" \
    || die "kustomize build infra/k8s/overlays/$overlay failed"
  inputs+=("$overlay=$work/$overlay.yaml")
done
status=0
"$VALIDATE_BIN" --apps "$(join "${apps[@]}")" --grpc "$(join "${grpc[@]}")" --http "$(join "${http[@]}")" \
  --autoscaled "$(join "${autoscaled[@]}")" --stop-bound-ms "$stop_bound_ms" --no-secrets production \
  "${inputs[@]}" || status=1
if [ "$negatives_failed" -gt 0 ]; then
  echo "k8s: $negatives_failed negative case(s) not rejected as expected" >&2
  status=1
fi
exit "$status"
