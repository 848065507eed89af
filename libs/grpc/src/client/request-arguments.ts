import {
  create,
  type DescMessage,
  type DescMethod,
  type MessageInitShape,
} from '@bufbuild/protobuf';
import type { CallOptions as GrpcCallOptions, Metadata } from '@grpc/grpc-js';
import { methodCodec, methodPath } from '../server/service-definition';
import { deadlineFrom, toMetadata, type CallOptions } from './call-options';

/** What every grpc-js request of a method starts with: path, codecs, the message, metadata and call options. */
export type RequestArguments = readonly [
  path: string,
  serialize: (value: unknown) => Buffer,
  deserialize: (bytes: Buffer) => unknown,
  argument: unknown,
  metadata: Metadata,
  options: GrpcCallOptions,
];

/** Builds one call's {@link RequestArguments} from the caller's request and options. */
export type RequestArgumentsBuilder = (
  request: MessageInitShape<DescMessage>,
  options: CallOptions,
) => RequestArguments;

/** The builder for `method`; a call without `deadlineMs` gets `fallbackDeadlineMs` (milliseconds, Infinity: none). */
export function requestArgumentsFor(
  method: DescMethod,
  fallbackDeadlineMs: number,
): RequestArgumentsBuilder {
  const path = methodPath(method);
  const codec = methodCodec(method);
  return (request, options) => [
    path,
    codec.requestSerialize,
    codec.responseDeserialize,
    create(method.input, request),
    toMetadata(options.metadata),
    { deadline: deadlineFrom(options.deadlineMs ?? fallbackDeadlineMs) },
  ];
}
