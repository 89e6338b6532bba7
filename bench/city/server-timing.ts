// What the city bench's server adds to the app for the bench alone (issue 10 §2): a Server-Timing
// header on every answer splitting the server's time into phases, and the process's garbage
// collections, so a tail seen by the client can be told apart as the server's or not.
//   hooks      routing and every onRequest hook (request scope, helmet, cookies, session, CSRF)
//   validate   query/body parsing and the zod schema
//   handler    the route's own work (the service and its statements)
//   serialize  the response schema and JSON
//   app        all of it, from Fastify's first sight of the request to the body being ready
//   cpu        the server process's CPU time over the same span (all its threads): on a shared
//              machine the wall-clock phases include waiting for a core, this does not
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const marks = new WeakMap<FastifyRequest, number[]>();
const mark = (request: FastifyRequest, reply: FastifyReply): void => {
  const m = marks.get(request) ?? [];
  m.push(reply.elapsedTime);
  marks.set(request, m);
};
const ms = (n: number): string => n.toFixed(3);

const cpuAtStart = new WeakMap<IncomingMessage, NodeJS.CpuUsage>();

/**
 * Adds the phase hooks last, so `hooks` covers every onRequest hook the app has; call before
 * listen. The CPU is read from before Fastify's own 'request' listener (trackCpu, after listen).
 */
export function registerServerTiming(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    mark(request, reply);
    done();
  });
  app.addHook('preHandler', (request, reply, done) => {
    mark(request, reply);
    done();
  });
  app.addHook('preSerialization', (request, reply, payload, done) => {
    mark(request, reply);
    done(null, payload);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const [hooks = 0, validated = hooks, handled = validated] = marks.get(request) ?? [];
    const total = reply.elapsedTime;
    const from = cpuAtStart.get(request.raw);
    const used = from ? process.cpuUsage(from) : undefined;
    const cpu = used ? `, cpu;dur=${ms((used.user + used.system) / 1000)}` : '';
    reply.header('server-timing', `hooks;dur=${ms(hooks)}, validate;dur=${ms(validated - hooks)}, handler;dur=${ms(handled - validated)}, serialize;dur=${ms(total - handled)}, app;dur=${ms(total)}${cpu}`);
    done(null, payload);
  });
}

/** Notes the process's CPU time as each request arrives, before Fastify sees it. */
export function trackCpu(app: FastifyInstance): void {
  app.server.prependListener('request', (req: IncomingMessage) => {
    cpuAtStart.set(req, process.cpuUsage());
  });
}

/** The process's garbage collections since start: count, total and longest pause (ms), by kind. */
export function watchGc(): () => { count: number; totalMs: number; maxMs: number; byKind: Record<string, number> } {
  const seen = { count: 0, totalMs: 0, maxMs: 0, byKind: {} as Record<string, number> };
  const kinds: Record<number, string> = { 1: 'major', 2: 'minor', 4: 'incremental', 8: 'weakcb' };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>) {
      seen.count++;
      seen.totalMs += e.duration;
      seen.maxMs = Math.max(seen.maxMs, e.duration);
      const kind = kinds[e.detail?.kind ?? 0] ?? 'other';
      seen.byKind[kind] = (seen.byKind[kind] ?? 0) + 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => ({ ...seen, byKind: { ...seen.byKind } });
}
