import type { StorePorts } from './launcher';
import type { ServiceName } from './store-services';

/** The port of a process's Prometheus `/metrics`: its own metrics port, the gateway's HTTP port, none for the sandbox. */
export function metricsPortOf(name: ServiceName, ports: StorePorts): number | undefined {
  switch (name) {
    case 'sandbox':
      return undefined;
    case 'gateway':
      return ports.gateway;
    default:
      return ports[`${name}Metrics`];
  }
}
