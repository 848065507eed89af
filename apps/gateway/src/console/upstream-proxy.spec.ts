import { ServiceUnavailableError } from '../errors/gateway-errors';
import { UpstreamProxy } from './upstream-proxy';

function proxyAnswering(answer: () => Promise<Response>) {
  const urls: string[] = [];
  const proxy = new UpstreamProxy({
    dependency: 'prometheus',
    baseUrl: 'http://prom.test:9090/',
    fetch: (async (url: string) => {
      urls.push(url);
      return answer();
    }) as typeof fetch,
  });
  return { proxy, urls };
}

describe('UpstreamProxy', () => {
  it('GETs the path and query under the base URL and returns the JSON', async () => {
    const { proxy, urls } = proxyAnswering(async () => Response.json({ status: 'success' }));
    await expect(proxy.get('/api/v1/query', 'query=up')).resolves.toEqual({ status: 'success' });
    await proxy.get('/api/v1/alerts', '');
    expect(urls).toEqual([
      'http://prom.test:9090/api/v1/query?query=up',
      'http://prom.test:9090/api/v1/alerts',
    ]);
  });

  it.each([
    ['unreachable', () => Promise.reject(new TypeError('fetch failed'))],
    ['answering 500', async () => new Response('oops', { status: 500 })],
    ['answering no JSON', async () => new Response('<html>', { status: 200 })],
  ])('is unavailable (503 with Retry-After) when the upstream is %s', async (_name, answer) => {
    const { proxy } = proxyAnswering(answer);
    const failure = proxy.get('/api/v1/alerts', '');
    await expect(failure).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(failure).rejects.toMatchObject({ dependency: 'prometheus', retryAfterSeconds: 2 });
  });
});
