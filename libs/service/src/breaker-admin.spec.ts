import { commonV1 } from '@gaara/contracts';
import { NotFoundError, type CallContext } from '@gaara/grpc';
import { BreakerRegistry, createPolicy } from '@gaara/resilience';
import { breakerAdminService } from './breaker-admin';

describe('BreakerAdminService over a registry', () => {
  const registry = new BreakerRegistry();
  const policy = createPolicy('catalog', undefined, { registry });
  const admin = breakerAdminService(registry);
  // The handlers read nothing from the call context.
  const call = {} as CallContext;
  afterAll(() => policy.dispose());

  it('lists, isolates with the cause, and resets a breaker', async () => {
    expect(await admin.listBreakers({} as never, call)).toMatchObject({
      breakers: [{ name: 'catalog', state: commonV1.BreakerState.CLOSED, isolated: false }],
    });
    const isolated = await admin.isolateBreaker({ name: 'catalog', cause: 'drill' } as never, call);
    expect(isolated.breaker).toMatchObject({
      state: commonV1.BreakerState.OPEN,
      isolated: true,
      lastTransitionCause: 'drill',
    });
    const reset = await admin.resetBreaker({ name: 'catalog', cause: '' } as never, call);
    expect(reset.breaker).toMatchObject({
      state: commonV1.BreakerState.CLOSED,
      isolated: false,
      lastTransitionCause: 'reset by an operator',
    });
  });

  it('answers NOT_FOUND for a name the process has no breaker of', () => {
    expect(() => admin.resetBreaker({ name: 'nope', cause: '' } as never, call)).toThrow(
      NotFoundError,
    );
  });
});
