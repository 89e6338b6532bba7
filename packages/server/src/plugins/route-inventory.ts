import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
  /** The route's declared answers by status (zod schemas), so tests can hold them to core's API schemas (ADR 0042). */
  responses: Readonly<Record<string, unknown>>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on the app (HEAD twins of GET routes left out), in registration order. */
    routeInventory: readonly RouteEntry[];
  }
}

/**
 * Records each route as it is registered, so tests can hold the access matrix to the routes
 * that really exist (a new route without a matrix entry fails). Registered before any route.
 */
export function registerRouteInventory(app: FastifyInstance): void {
  const routes: RouteEntry[] = [];
  app.decorate('routeInventory', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, responses: responsesOf(route.schema) });
  });
}

function responsesOf(schema: unknown): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null || !('response' in schema)) return {};
  const response = schema.response;
  return typeof response === 'object' && response !== null ? { ...response } : {};
}
