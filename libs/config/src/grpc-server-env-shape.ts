import { port, string } from './env-var';

/** The variables of a service that serves gRPC: GAARA_GRPC_HOST (defaults to 127.0.0.1) and GAARA_GRPC_PORT. */
export function grpcServerEnvShape(defaults: { readonly port: number }) {
  return {
    /** Interface the gRPC server binds; 0.0.0.0 in containers. */
    GAARA_GRPC_HOST: string().default('127.0.0.1'),
    GAARA_GRPC_PORT: port().default(defaults.port),
  };
}
