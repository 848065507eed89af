import type { Socket } from 'node:net';

/** Connections kept open by `hang`; each leaves the set when its client gives up or it is released. */
export class HeldCalls {
  private readonly sockets = new Set<Socket>();

  get count(): number {
    return this.sockets.size;
  }

  hold(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  /** Drops every held connection; its client sees the socket close without an answer. */
  releaseAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}
