#!/usr/bin/env bash
# npm test's Prometheus gate: promtool checks the configs (local stack and compose), the alert rules and their unit
# tests, the Grafana dashboards' queries, then a store on ephemeral ports must pass `promtool check metrics` on every process and be scraped `up`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
# shellcheck source=tools/scripts/env.sh
source tools/scripts/env.sh
build_log="$root/reports/prometheus-check-build.log"

# Starts (or just verifies) the store's infrastructure, Prometheus included, and writes its config.
tools/stack/stack start >/dev/null
promtool check config .state/stack/prometheus/prometheus.yml
promtool check config infra/prometheus/compose/prometheus.yml
promtool check rules infra/prometheus/rules/*.yml
promtool test rules infra/prometheus/tests/*.test.yml
# Every query of the Grafana dashboards (infra/grafana) parses: promtool checks them as recording rules.
grafana_rules="$root/reports/grafana-queries.rules.json"
mkdir -p "$root/reports"
node tools/scripts/grafana-queries-as-rules.mjs infra/grafana/dashboards/*.json >"$grafana_rules"
promtool check rules "$grafana_rules"
mkdir -p "$(dirname "$build_log")"
bash tools/scripts/build-store.sh >"$build_log" 2>&1 || { tail -n 30 "$build_log"; exit 1; }
node tools/launcher/dist/prometheus-check.js
