// What other tools (tools/chaos) reuse of the benches: the sources of truth of a run and their verdict.
export { ProviderLedger, readInvoices, readInvoicesByKey, readPayments } from './payments-ledger';
export type { PaymentRecord, PlacedOrder } from './payment-records';
export { receiptGaps, tally, unsettledCount, type ReceiptGaps, type Tally } from './payments-tally';
export { replayDeadLetters } from './payments-load';
export { restockedProducts, passSchemas, type StoreSchemas } from './store-pass';
export { deleteTopicsWithPrefixes } from './kafka-topics';
export { quantile, round } from './stats';
