import { closedObject } from './schema-parts';

const dependencyHealthSchema = {
  type: 'string',
  enum: ['healthy', 'degraded', 'unavailable'],
} as const;

/** GET /health's body (health/gateway-health.ts builds it), 200 when healthy and 503 when degraded. */
export const healthSchema = {
  $id: 'Health',
  ...closedObject({
    status: { type: 'string', enum: ['healthy', 'degraded'] },
    timestamp: { type: 'string', format: 'date-time' },
    services: {
      type: 'object',
      description:
        'every dependency and breaker by name (e.g. catalog, external_api, gateway.breaker:invoice)',
      additionalProperties: dependencyHealthSchema,
    },
    details: {
      type: 'object',
      description: 'why each entry that is not healthy is not, sanitized',
      additionalProperties: { type: 'string' },
    },
  }),
} as const;
