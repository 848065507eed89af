import type { DescMethod } from '@bufbuild/protobuf';

/** The part of a method descriptor that decides its types: `{ methodKind, input, output }`. */
export type MethodShape = Pick<DescMethod, 'input' | 'output' | 'methodKind'>;

/** `Unary` or `ServerStreaming` by the method's kind; client and bidi streaming are not supported yet (never). */
export type ForMethodKind<
  M extends MethodShape,
  Unary,
  ServerStreaming,
> = M['methodKind'] extends 'unary'
  ? Unary
  : M['methodKind'] extends 'server_streaming'
    ? ServerStreaming
    : never;
