import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { getRPCMetadata, RPCType, setRPCMetadata, type RPCMetadata } from '@opentelemetry/core';
import { setHttpRoute } from './http-route';

describe('setHttpRoute', () => {
  beforeAll(() => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
  afterAll(() => context.disable());

  it('names the route of the request the http instrumentation is serving, as frameworks do', () => {
    const metadata: RPCMetadata = { type: RPCType.HTTP, span: undefined as never };
    context.with(setRPCMetadata(ROOT_CONTEXT, metadata), () => setHttpRoute('/api/products/:id'));
    expect(metadata.route).toBe('/api/products/:id');
  });

  it('does nothing outside a traced request', () => {
    expect(() => setHttpRoute('/api/orders')).not.toThrow();
    expect(getRPCMetadata(context.active())).toBeUndefined();
  });
});
