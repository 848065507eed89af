/** The libraries our instrumentations patch when they are first required. */
export const INSTRUMENTED_PACKAGES = ['@grpc/grpc-js', 'pg', 'kafkajs', 'fastify'] as const;

/**
 * The instrumented packages already loaded (in `cache`, default Node's require cache): patched too late, their
 * calls would not be traced. Empty when telemetry starts first, as every service's telemetry.ts intends.
 */
export function loadedTooEarly(cache: Record<string, unknown> = require.cache): string[] {
  const paths = Object.keys(cache);
  return INSTRUMENTED_PACKAGES.filter((name) =>
    paths.some((path) => path.includes(`/node_modules/${name}/`)),
  );
}
