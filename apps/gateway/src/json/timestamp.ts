import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';

/** A protobuf Timestamp as ISO 8601, or null when unset. */
export function isoTime(timestamp: Timestamp | undefined): string | null {
  return timestamp === undefined ? null : timestampDate(timestamp).toISOString();
}
