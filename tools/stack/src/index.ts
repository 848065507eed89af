export { stackEndpoints, type StackEndpoints } from './endpoints';
export { PROMETHEUS_TARGETS_DIR, prometheusTargetsDir } from './prometheus-targets-dir';
