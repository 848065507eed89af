import type { FastifyInstance } from 'fastify';
import { UnknownProviderError } from '../errors';
import { type ProviderRuntime, resetUpdate } from '../providers/provider-runtime';
import { sendControlError } from './control-error-reply';

/** Path prefix of the control endpoint. */
export const controlPath = '/_control';

interface ProviderParams {
  readonly provider: string;
}

interface ViewParams extends ProviderParams {
  readonly view: string;
}

/**
 * Control plane on the sandbox's main listener: `GET /_health`, `GET /_control` (provider directory),
 * `GET|PUT|POST /_control/:provider`, `POST /_control/:provider/reset`, `POST /_control/reset` (all),
 * `GET /_control/:provider/:view` (provider reads such as `charges`, `calls`, `messages`).
 */
export function registerControlRoutes(
  app: FastifyInstance,
  providers: ReadonlyMap<string, ProviderRuntime>,
): void {
  const providerNamed = (name: string): ProviderRuntime => {
    const runtime = providers.get(name);
    if (runtime === undefined) throw new UnknownProviderError(name);
    return runtime;
  };
  const directory = () => ({ providers: [...providers.values()].map((p) => p.endpoint) });

  app.setErrorHandler((error, _request, reply) => sendControlError(reply, error));
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` }),
  );

  app.get('/_health', async () => ({ status: 'ok', ...directory() }));
  app.get(controlPath, async () => directory());

  app.post(`${controlPath}/reset`, async () => {
    await Promise.all([...providers.values()].map((p) => p.apply(resetUpdate)));
    return directory();
  });

  app.get<{ Params: ProviderParams }>(`${controlPath}/:provider`, async (request) =>
    providerNamed(request.params.provider).snapshot(),
  );

  app.route<{ Params: ProviderParams }>({
    method: ['PUT', 'POST'],
    url: `${controlPath}/:provider`,
    handler: async (request) => {
      const runtime = providerNamed(request.params.provider);
      return runtime.apply(runtime.parseUpdate(request.body));
    },
  });

  app.post<{ Params: ProviderParams }>(`${controlPath}/:provider/reset`, async (request) =>
    providerNamed(request.params.provider).apply(resetUpdate),
  );

  app.get<{ Params: ViewParams }>(`${controlPath}/:provider/:view`, async (request) =>
    providerNamed(request.params.provider).view(request.params.view),
  );
}
