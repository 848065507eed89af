import type { FastifyInstance } from 'fastify';
import { UnauthorizedError } from '../errors/gateway-errors';
import { isAdminAuthorized } from './admin-token';

/**
 * Refuses every request of `scope` (a Fastify plugin's instance) without `Authorization: Bearer <adminToken>`,
 * before validation, so an unauthorized call neither validates nor touches a dependency.
 */
export function requireAdminToken(scope: FastifyInstance, adminToken: string): void {
  scope.addHook('onRequest', async (request) => {
    if (!isAdminAuthorized(request.headers.authorization, adminToken)) {
      throw new UnauthorizedError();
    }
  });
}
