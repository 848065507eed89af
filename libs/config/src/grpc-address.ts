import { envVarOf, type EnvVarSchema } from './env-var';

const hostPort = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})$/;

/** A gRPC target written `host:port` (IPv6 in brackets), port 1-65535. */
export function grpcAddress(): EnvVarSchema<string> {
  return envVarOf('host:port, e.g. 127.0.0.1:9451', (raw) => {
    const match = hostPort.exec(raw);
    const port = Number(match?.[2]);
    return match !== null && port >= 1 && port <= 65535 ? raw : undefined;
  });
}
