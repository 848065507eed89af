// Test helpers of @gaara/grpc: fake services served over real gRPC on loopback.
export { startFakeServer } from './fake-server';
