import type { FastifyInstance } from 'fastify';
import type { HttpProviderModule } from '../http-provider-module';
import { type ExternalDataResponse, externalDataItems } from './external-data';

/** Settings of the fake external data API. */
export interface ExternalDataProviderOptions {
  /** Bearer token callers must send. Default `sandbox-token`. */
  readonly token?: string;
}

export const defaultExternalToken = 'sandbox-token';

/** Path of the data resource on the provider's listener. */
export const externalDataPath = '/external/data';

/**
 * The third-party data API the gateway calls: `GET /external/data` with `Authorization: Bearer <token>`,
 * 401 without it. `version` survives resets so a copy cached before a reset never looks fresh.
 */
export function createExternalDataProvider(
  options: ExternalDataProviderOptions = {},
): HttpProviderModule {
  const expectedAuthorization = `Bearer ${options.token ?? defaultExternalToken}`;
  let version = 0;

  return {
    name: 'external',
    register(app: FastifyInstance) {
      app.get(externalDataPath, async (request, reply) => {
        if (request.headers.authorization !== expectedAuthorization) {
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer')
            .send({ error: 'unauthorized' });
        }
        version += 1;
        const body: ExternalDataResponse = {
          items: externalDataItems,
          generatedAt: new Date().toISOString(),
          version,
        };
        return body;
      });
    },
    reset() {
      // Nothing to clear: the data is fixed and version must stay monotonic.
    },
    describe() {
      return { version };
    },
  };
}
