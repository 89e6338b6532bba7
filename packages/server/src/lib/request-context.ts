import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

/**
 * The request a piece of work runs for, carried by Node's AsyncLocalStorage so deep code (the
 * outbox's enqueue, a batched intake) can stamp what it queues without every service passing
 * the id along. Work queued outside a request (the worker's own sweeps) has none.
 */
interface RequestScope {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

/** Runs `work` as if it were part of the request `requestId` (tests, and a worker re-entering a request's work). */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

/** Runs `work` in no request's scope: work done for many requests at once (a group commit's batch). */
export function outsideRequests<T>(work: () => T): T {
  return storage.exit(work);
}

/** Every later hook and the handler of a request run inside its scope. */
export function registerRequestScope(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    storage.run({ requestId: request.id }, done);
  });
}
