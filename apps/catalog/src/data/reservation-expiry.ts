import { startSweeper, type Sweeper } from '@gaara/tasks';
import type { StockLedger } from './stock-ledger';

/** Releases held reservations whose hold passed, every `intervalMs` milliseconds (the catalog's default 10000). */
export function startReservationExpiry(
  stock: Pick<StockLedger, 'releaseExpired'>,
  intervalMs: number,
  logger?: { error(fields: object, message: string): void },
): Sweeper<string[]> {
  return startSweeper({
    intervalMs,
    sweep: () => stock.releaseExpired(),
    logger,
    what: 'reservation expiry sweep',
  });
}
