// Test helpers of @gaara/grpc: fake services served over real gRPC on loopback, and reflection as grpcurl uses it.
export { startFakeServer } from './fake-server';
export { ReflectionClient } from './reflection-client';
export { callThroughReflection } from './reflected-call';
