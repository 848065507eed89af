// Prints every PromQL query of the given Grafana dashboards as recording rules (JSON, which is YAML), so that
// `promtool check rules` validates each one; exits 1 when a dashboard has no query at all.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const rules = [];
for (const file of process.argv.slice(2)) {
  const dashboard = JSON.parse(readFileSync(file, 'utf8'));
  for (const panel of dashboard.panels ?? []) {
    for (const target of panel.targets ?? []) {
      rules.push({
        record: `grafana:${basename(file, '.json').replace(/\W/g, '_')}:panel_${panel.id}_${target.refId}`,
        expr: target.expr,
      });
    }
  }
}
if (rules.length === 0) {
  console.error('no Grafana queries found in', process.argv.slice(2).join(' '));
  process.exit(1);
}
process.stdout.write(
  `${JSON.stringify({ groups: [{ name: 'grafana-queries', rules }] }, null, 2)}\n`,
);
