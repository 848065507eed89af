import { timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';

/** A stored entity's creation and last-change times. */
interface StoredTimes {
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** `T` with its times as protobuf Timestamps. */
export type WithWireTimestamps<T extends StoredTimes> = Omit<T, keyof StoredTimes> & {
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
};

/**
 * The message init of a stored entity whose fields carry its message's names: the entity with `createdAt` and
 * `updatedAt` as Timestamps. `create()` takes the message's fields by name and drops the others.
 */
export function withWireTimestamps<T extends StoredTimes>(entity: T): WithWireTimestamps<T> {
  return {
    ...entity,
    createdAt: timestampFromDate(entity.createdAt),
    updatedAt: timestampFromDate(entity.updatedAt),
  };
}
