import type { DEFAULT_PORTS } from '../default-ports';

type Widened<T> = { readonly [K in keyof T]: T[K] extends number ? number : Widened<T[K]> };

/** Every port of the store, shaped as {@link DEFAULT_PORTS}: the defaults, or a test run's own. */
export type PortPlan = Widened<typeof DEFAULT_PORTS>;
