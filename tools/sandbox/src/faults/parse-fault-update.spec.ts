import { ControlValidationError } from '../errors';
import { parseFaultUpdate } from './parse-fault-update';

function rejectionOf(body: unknown): { field: string; reason: string } {
  try {
    parseFaultUpdate(body);
  } catch (error: unknown) {
    if (error instanceof ControlValidationError)
      return { field: error.field, reason: error.reason };
    throw error;
  }
  throw new Error('expected a ControlValidationError');
}

describe('parseFaultUpdate', () => {
  it('accepts every field within range', () => {
    const update = {
      errorRate: 0.25,
      errorStatus: 503,
      latencyMs: 100,
      hang: false,
      down: false,
      failNext: 3,
      errorPattern: 'x..x',
      seed: 42,
      reset: true,
    };
    expect(parseFaultUpdate(update)).toEqual(update);
    expect(parseFaultUpdate({ errorPattern: null })).toEqual({ errorPattern: null });
  });

  it.each([
    [{ errorRate: 1.5 }, 'errorRate'],
    [{ errorRate: '0.5' }, 'errorRate'],
    [{ errorStatus: 200 }, 'errorStatus'],
    [{ latencyMs: -1 }, 'latencyMs'],
    [{ latencyMs: 1.5 }, 'latencyMs'],
    [{ hang: 'yes' }, 'hang'],
    [{ down: 1 }, 'down'],
    [{ failNext: -2 }, 'failNext'],
    [{ errorPattern: 'xyz' }, 'errorPattern'],
    [{ errorPattern: '' }, 'errorPattern'],
    [{ seed: 2 ** 32 }, 'seed'],
    [{ errorRat: 1 }, 'errorRat'],
    [null, 'body'],
    [[1], 'body'],
    ['down', 'body'],
  ])('rejects %j naming %s', (body, field) => {
    const rejection = rejectionOf(body);
    expect(rejection.field).toBe(field);
    expect(rejection.reason.length).toBeGreaterThan(0);
  });
});
