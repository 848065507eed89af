import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { aggregatorV1 } from '@gaara/contracts';
import type { SectionReading } from './section-source';

type SectionMetaInit = MessageInitShape<typeof aggregatorV1.SectionMetaSchema>;

const statusValues = {
  ok: aggregatorV1.SectionStatus.OK,
  stale: aggregatorV1.SectionStatus.STALE,
  unavailable: aggregatorV1.SectionStatus.UNAVAILABLE,
} as const;

/** The contract's SectionMeta of a reading. */
export function sectionMeta(reading: SectionReading<unknown>): SectionMetaInit {
  return {
    status: statusValues[reading.status],
    updatedAt: reading.updatedAt === null ? undefined : timestampFromMs(reading.updatedAt),
    detail: reading.detail,
  };
}
