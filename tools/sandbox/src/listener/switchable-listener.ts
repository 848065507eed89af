import type { Server, Socket } from 'node:net';
import { ListenFailedError } from '../errors';

/**
 * A server socket that can be taken down and brought back on the same port: down closes the
 * listening socket (new connects get ECONNREFUSED) and destroys open connections, as a crashed
 * provider would. Works for any net.Server, so HTTP providers and the SMTP sink share it.
 */
export class SwitchableListener {
  private readonly connections = new Set<Socket>();
  private boundPort: number;
  private listening = false;
  // Serialises up/down so concurrent control requests cannot interleave listen and close.
  private transition: Promise<void> = Promise.resolve();

  /**
   * @param server the server to switch; its connections are tracked from now on
   * @param host address to bind, e.g. 127.0.0.1
   * @param port port to bind; 0 picks an ephemeral port on first start, kept for later restarts
   */
  constructor(
    private readonly server: Server,
    private readonly host: string,
    port: number,
  ) {
    this.boundPort = port;
    server.on('connection', (socket: Socket) => {
      this.connections.add(socket);
      socket.once('close', () => this.connections.delete(socket));
    });
  }

  get port(): number {
    return this.boundPort;
  }

  get isUp(): boolean {
    return this.listening;
  }

  /** Starts listening (no-op when up). @throws ListenFailedError when the port cannot be bound. */
  up(): Promise<void> {
    return this.serialise(() => this.listen());
  }

  /** Stops listening and destroys every open connection (no-op when down). */
  down(): Promise<void> {
    return this.serialise(() => this.close());
  }

  private serialise(step: () => Promise<void>): Promise<void> {
    const next = this.transition.then(step);
    this.transition = next.catch(() => undefined);
    return next;
  }

  private async listen(): Promise<void> {
    if (this.listening) return;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: unknown) => {
        reject(new ListenFailedError(`${this.host}:${this.boundPort}`, { cause: error }));
      };
      this.server.once('error', onError);
      this.server.listen({ host: this.host, port: this.boundPort }, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    const address = this.server.address();
    if (address !== null && typeof address === 'object') this.boundPort = address.port;
    this.listening = true;
  }

  private async close(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.connections) socket.destroy();
    await closed;
  }
}
