/** One record of the external data feed: a reference exchange rate against USD. */
export interface ExternalDataItem {
  readonly id: string;
  readonly name: string;
  /** Units of this currency per US dollar. */
  readonly ratePerUsd: number;
}

/** Body of `GET /external/data`. */
export interface ExternalDataResponse {
  readonly items: readonly ExternalDataItem[];
  /** ISO 8601 time the answer was produced. */
  readonly generatedAt: string;
  /** Increases by one with every answer for the life of the process, so fresh copies are told from cached ones. */
  readonly version: number;
}

// Fixed content keeps assertions simple; only version and generatedAt change between answers.
export const externalDataItems: readonly ExternalDataItem[] = Object.freeze([
  { id: 'EUR', name: 'Euro', ratePerUsd: 0.92 },
  { id: 'GBP', name: 'Pound sterling', ratePerUsd: 0.79 },
  { id: 'JPY', name: 'Japanese yen', ratePerUsd: 151.2 },
  { id: 'CHF', name: 'Swiss franc', ratePerUsd: 0.88 },
  { id: 'CAD', name: 'Canadian dollar', ratePerUsd: 1.36 },
]);
