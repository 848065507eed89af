// One fault's verdict from what the clients saw during it and what the sources of truth hold after the run.
import {
  quantile,
  receiptGaps,
  round,
  tally,
  type PaymentRecord,
  type PlacedOrder,
} from '@gaara/bench';
import type { Answer, LagSample } from './traffic';

/** When one fault was applied, ended, and the store answered normally again (epoch ms). */
export interface FaultWindow {
  readonly fault: string;
  readonly appliedAt: number;
  readonly endedAt: number;
  /** NaN when the store did not recover within the bound. */
  readonly recoveredAt: number;
}

/** The sources of truth after the run settled. */
export interface Ledger {
  readonly payments: ReadonlyMap<string, PaymentRecord>;
  readonly invoices: ReadonlyMap<string, string>;
  readonly charges: ReadonlyMap<string, number>;
  readonly receipts: ReadonlyMap<string, number>;
  /** Invoice status by the order's idempotency key: what became of orders the client was never told were placed. */
  readonly invoicesByKey: ReadonlyMap<string, string>;
}

/** The line printed per fault (the fields, then context). */
export interface FaultReport {
  readonly fault: string;
  readonly accepted: number;
  readonly lost: number;
  readonly double_charged: number;
  readonly receipts_missing: number;
  readonly receipts_duplicated: number;
  readonly degradable_5xx: number;
  readonly p99_ms: number;
  readonly recovery_s: number;
  readonly fault_s: number;
  /** Orders never accepted despite repeats within their bound (not lost: the client was told). */
  readonly unaccepted: number;
  /** The unaccepted orders' last HTTP status (0 = hang, -1 = refused) and error code, count by both. */
  readonly unaccepted_last_status: Readonly<Record<string, number>>;
  /** Most POSTs one unaccepted order made (few: the client stopped early; many: every repeat failed). */
  readonly unaccepted_tries_max: number;
  /** Unaccepted orders whose invoice exists, by its status: placed, yet the client gave up before hearing so. */
  readonly unaccepted_invoices: Readonly<Record<string, number>>;
  /** The three slowest answers during the fault, `route status ms at +s` (s from the fault's start). */
  readonly slowest: readonly string[];
  /** The chaos client's own worst event-loop lag during the fault, in milliseconds: part of every answer time. */
  readonly client_lag_max_ms: number;
  /** Requests that waited past the client timeout (hangs) during the fault. */
  readonly hangs: number;
  /** p99 of each route's answers during the fault, in milliseconds (-1: a hang among the last 1 %). */
  readonly p99_ms_by_route: Readonly<Record<string, number>>;
  /** Up to three distinct degradable 5xx answers, `route status body…`, to tell what failed. */
  readonly degradable_5xx_examples: readonly string[];
  /** /health's designed 503 "degraded" answers (a health document), not counted in degradable_5xx. */
  readonly health_degraded: number;
  readonly targets_met: boolean;
  /** Which targets were missed, empty when met. */
  readonly missed: readonly string[];
}

/** Targets of every fault; `recoveryBoundS` = the breakers' open duration + 10 s. */
export interface Targets {
  readonly p99Ms: number;
  readonly recoveryBoundS: number;
}

/** Judges one fault: orders first sent in [appliedAt, recoveredAt), answers sent in [appliedAt, endedAt]. */
export function reportFault(
  window: FaultWindow,
  orders: readonly PlacedOrder[],
  answers: readonly Answer[],
  ledger: Ledger,
  targets: Targets,
  lags: readonly LagSample[] = [],
): FaultReport {
  const until = Number.isNaN(window.recoveredAt) ? window.endedAt : window.recoveredAt;
  const mine = orders.filter((o) => o.placedAt >= window.appliedAt && o.placedAt < until);
  const t = tally(mine, ledger.payments, ledger.invoices, ledger.charges);
  const gaps = receiptGaps(mine, ledger.payments, ledger.receipts);
  const unaccepted = mine.filter((o) => o.paymentId === undefined || o.invoiceId === undefined);
  const during = answers.filter((a) => a.at >= window.appliedAt && a.at <= window.endedAt);
  // Refused connections (the gateway restarting) are not answers; the client repeats them.
  const answered = during.filter((a) => a.status !== -1);
  const degradable = answers.filter(
    (a) => a.at >= window.appliedAt && a.at < until && a.route !== 'order',
  );
  const degradable5xxAnswers = degradable.filter(
    (a) => a.status >= 500 && !(a.route === 'health' && a.status === 503 && a.healthBody === true),
  );
  const degradable5xx = degradable5xxAnswers.length;
  const examples = [
    ...new Set(degradable5xxAnswers.map((a) => `${a.route} ${a.status} ${a.detail ?? ''}`.trim())),
  ].slice(0, 3);
  const p99 = p99Of(answered);
  const byRoute: Record<string, number> = {};
  for (const route of new Set(answered.map((a) => a.route))) {
    byRoute[route] = p99Of(answered.filter((a) => a.route === route));
  }
  const recoveryS = (window.recoveredAt - window.endedAt) / 1000;
  const figures = {
    fault: window.fault,
    accepted: t.accepted,
    lost: t.lost,
    double_charged: t.multiCharged,
    receipts_missing: gaps.missing,
    receipts_duplicated: gaps.duplicated,
    degradable_5xx: degradable5xx,
    degradable_5xx_examples: examples,
    p99_ms: p99,
    recovery_s: Number.isNaN(recoveryS) ? -1 : round(recoveryS, 1),
    fault_s: round((window.endedAt - window.appliedAt) / 1000, 1),
    unaccepted: t.unaccepted,
    unaccepted_last_status: countBy(
      unaccepted.map((o) => `${o.httpStatus} ${errorCode(o.lastDetail)}`.trim()),
    ),
    unaccepted_tries_max: Math.max(0, ...unaccepted.map((o) => o.tries)),
    unaccepted_invoices: countBy(unaccepted.flatMap((o) => ledger.invoicesByKey.get(o.key) ?? [])),
    slowest: [...answered]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((a) =>
        [
          `${a.route} ${a.status} ${a.ms}ms at +${round((a.at - window.appliedAt) / 1000, 1)}s`,
          errorCode(a.detail),
        ]
          .join(' ')
          .trim(),
      ),
    client_lag_max_ms: Math.max(
      0,
      ...lags.filter((l) => l.at >= window.appliedAt && l.at <= window.endedAt).map((l) => l.ms),
    ),
    hangs: during.filter((a) => a.status === 0).length,
    p99_ms_by_route: byRoute,
    health_degraded: degradable.filter((a) => a.route === 'health' && a.status === 503).length,
  };
  const missed = [
    figures.lost > 0 ? 'lost' : '',
    figures.double_charged > 0 ? 'double_charged' : '',
    figures.receipts_duplicated > 0 ? 'receipts_duplicated' : '',
    figures.receipts_missing > 0 ? 'receipts_missing' : '',
    figures.degradable_5xx > 0 ? 'degradable_5xx' : '',
    figures.p99_ms < 0 || figures.p99_ms > targets.p99Ms ? 'p99_ms' : '',
    figures.recovery_s < 0 || figures.recovery_s > targets.recoveryBoundS ? 'recovery_s' : '',
  ].filter((m) => m !== '');
  return { ...figures, targets_met: missed.length === 0, missed };
}

/** The `code` of a JSON error body (`ORDER_TIMEOUT`, ...), '' when it has none. */
function errorCode(body: string | undefined): string {
  const code = /"code":"([A-Z_]+)"/.exec(body ?? '');
  return code?.[1] ?? '';
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** The 99th percentile of the answers' times, in milliseconds; -1 when it falls on a hang; 0 when none. */
function p99Of(answers: readonly Answer[]): number {
  if (answers.length === 0) return 0;
  const p99 = quantile(
    Float64Array.from(answers.map((a) => (a.status === 0 ? Infinity : a.ms))),
    0.99,
  );
  return Number.isFinite(p99) ? round(p99) : -1;
}
