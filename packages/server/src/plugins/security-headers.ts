import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/** What every answer carries: the console's CSP and Helmet's other defaults. */
const HELMET_OPTIONS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Ant Design injects its CSS-in-JS as <style> elements.
      styleSrc: ["'self'", "'unsafe-inline'"],
      // blob: for the previews of photos picked on the public form, before they are sent.
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  // The console is served over plain HTTP on a fresh machine; HSTS belongs to the TLS proxy.
  strictTransportSecurity: false,
};

/**
 * Helmet's security headers on every answer, its middleware built ONCE. @fastify/helmet rebuilt
 * it (parsing the CSP directives again) on every request: ~15 µs of a surge's accept path of
 * ~100 µs (issue 13 §1, docs/benchmarks.md). Same headers, set on the raw response before the
 * route runs, so a route can still replace one (attachments send their own sandboxing CSP).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  const apply = helmet(HELMET_OPTIONS);
  app.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, (err?: unknown) => (err === undefined ? done() : done(err as Error)));
  });
}
