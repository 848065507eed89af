/** Serving status of one service as grpc.health.v1 reports it. */
export type HealthStatus = 'SERVING' | 'NOT_SERVING';

/** Called on every status change; `status` undefined means the map was closed (server shutting down). */
type HealthListener = (service: string, status: HealthStatus | undefined) => void;

/**
 * Serving status per service name; "" is the whole server. Backs grpc.health.v1 Check and Watch.
 * Apps flip a service to NOT_SERVING when a critical dependency (its database) is down.
 */
export class HealthStatusMap {
  private readonly statuses = new Map<string, HealthStatus>();
  private readonly listeners = new Set<HealthListener>();
  private closed = false;

  /** Sets one service's status ("" for the server as a whole); watchers hear only real changes. */
  public setStatus(service: string, status: HealthStatus): void {
    if (this.statuses.get(service) === status) return;
    this.statuses.set(service, status);
    for (const listener of this.listeners) listener(service, status);
  }

  /** Status of a service, or undefined when it was never registered. */
  public getStatus(service: string): HealthStatus | undefined {
    return this.statuses.get(service);
  }

  /** Names of every service with a status, including "". */
  public services(): string[] {
    return [...this.statuses.keys()];
  }

  /** Sets every known service to one status, e.g. NOT_SERVING at shutdown. */
  public setAll(status: HealthStatus): void {
    for (const service of this.services()) this.setStatus(service, status);
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  public onChange(listener: HealthListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends every Watch stream so a graceful shutdown is not held up by them; statuses stay readable. */
  public close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.listeners) listener('', undefined);
  }

  /** True once close() ran. */
  public get isClosed(): boolean {
    return this.closed;
  }
}
