import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerHeldSmsRoutes } from './channels/sms/held-routes.js';
import { registerSmsRoutes } from './channels/sms/routes.js';
import type { Config, TrustProxy } from './config.js';
import type { PiiCipher } from './crypto/pii.js';
import type { Database } from './db/database.js';
import type { AppContext } from './lib/app-context.js';
import { serializeRequest } from './lib/log-redaction.js';
import { registerAppealRoutes } from './modules/appeals/routes.js';
import { registerPublicIntake } from './modules/public-intake/runtime.js';
import { registerPublicIntakeRoutes } from './modules/public-intake/routes.js';
import { registerAuditRoutes } from './modules/audit/routes.js';
import { registerCalendarRoutes } from './modules/calendar/routes.js';
import { registerAuthRoutes } from './modules/auth/routes.js';
import { registerCaseActionRoutes } from './modules/cases/action-routes.js';
import { registerCaseRoutes } from './modules/cases/routes.js';
import { registerCallerRoutes } from './modules/callers/routes.js';
import { registerDeskRoutes } from './modules/desk/routes.js';
import { registerContactRoutes } from './modules/contacts/routes.js';
import { registerHealthRoutes } from './modules/health/routes.js';
import { registerIntakeCheckRoutes } from './modules/intake-check/routes.js';
import { registerJurisdictionRoutes } from './modules/jurisdictions/routes.js';
import { registerKnowledgeRoutes } from './modules/kb/routes.js';
import { registerNotificationRoutes } from './modules/notifications/routes.js';
import { registerRateLimitRoutes } from './modules/limits/routes.js';
import { registerFairnessRoutes } from './modules/fairness-report/routes.js';
import { registerRankingRoutes } from './modules/ranking/routes.js';
import { registerReturnsReportRoutes } from './modules/returns-report/routes.js';
import { registerLineRoutes } from './modules/lines/routes.js';
import type { LiveHubOptions } from './modules/live/hub.js';
import { registerLiveRoutes } from './modules/live/routes.js';
import { registerOrgRoutes } from './modules/org/routes.js';
import { registerOutboxRoutes } from './modules/outbox/routes.js';
import { registerRoutingRoutes } from './modules/routing/routes.js';
import { registerExportRoutes } from './modules/exports/routes.js';
import { DEFAULT_EXPORT_MAX_ROWS } from './modules/exports/case-export.js';
import { registerStatsRoutes } from './modules/stats/routes.js';
import { registerSupervisionRoutes } from './modules/supervision/routes.js';
import { registerCallbackRoutes } from './modules/callbacks/routes.js';
import { registerTelephonyAdminRoutes } from './modules/telephony/admin-routes.js';
import { registerColdLineRoutes } from './modules/cold-lines/routes.js';
import { registerCtiRoutes } from './modules/telephony/cti-routes.js';
import { registerTransparencyRoutes } from './modules/transparency/routes.js';
import { registerTokenRoutes } from './modules/tokens/routes.js';
import { registerTriageSettingsRoutes } from './modules/triage-settings/routes.js';
import { registerCategoryRoutes } from './modules/categories/routes.js';
import { registerUserRoutes } from './modules/users/routes.js';
import { registerAuth } from './plugins/auth.js';
import { registerCsrfGuard } from './plugins/csrf.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerRouteInventory } from './plugins/route-inventory.js';
import { registerTextInputRule } from './plugins/text-input.js';
import { registerWeb } from './plugins/web.js';

export interface BuildAppOptions {
  config: Pick<Config, 'logLevel' | 'webDist' | 'trustProxy'> & Partial<Pick<Config, 'smsWebhookSecret' | 'publicBaseUrl' | 'publicRateLimits' | 'exportMaxRows'>> & { live?: Partial<LiveHubOptions> };
  database: Database;
  pii: PiiCipher;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
  /**
   * false: accept public appeals but leave processing them to other processes (a worker) or to
   * `app.publicIntake.flush()`; the bench uses it to time accepting alone. Default true.
   */
  publicIntakeDrainer?: boolean;
}

/**
 * A hop count as the function proxy-addr builds for one (Fastify's types omit the number form):
 * the socket peer and the N-1 addresses it appended are proxies; the next one to the left is the
 * client, whatever a client wrote further left.
 */
function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}

/** Builds the whole HTTP app without listening, so tests drive it through inject(). */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database, pii } = options;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Personal data and credentials never reach the logs.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      // Tracking codes in request URLs are secrets too.
      serializers: { req: serializeRequest },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: () => randomUUID(),
    requestIdHeader: 'x-request-id',
    trustProxy: fastifyTrustProxy(config.trustProxy),
    bodyLimit: 64 * 1024,
    return503OnClosing: true,
  });
  registerRouteInventory(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS as <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // The console is served over plain HTTP on a fresh machine; HSTS belongs to the TLS proxy.
    strictTransportSecurity: false,
  });
  await app.register(fastifyCookie);

  const ctx: AppContext = { db: database.db, dialect: database.dialect, pii, publicRateLimits: config.publicRateLimits !== false };
  registerErrorHandling(app);
  registerAuth(app, ctx);
  registerCsrfGuard(app);
  registerTextInputRule(app);
  await registerOpenApi(app);

  registerHealthRoutes(app, database);
  registerAuthRoutes(app, ctx);
  registerPublicIntake(app, ctx, { drain: options.publicIntakeDrainer !== false });
  registerAppealRoutes(app, ctx);
  registerPublicIntakeRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerDeskRoutes(app, ctx);
  registerCaseActionRoutes(app, ctx);
  registerLineRoutes(app, ctx);
  registerOrgRoutes(app, ctx);
  registerOutboxRoutes(app, ctx);
  registerSupervisionRoutes(app, ctx);
  registerStatsRoutes(app, ctx);
  registerTransparencyRoutes(app, ctx);
  registerRankingRoutes(app, ctx);
  registerReturnsReportRoutes(app, ctx);
  registerFairnessRoutes(app, ctx);
  registerExportRoutes(app, ctx, { maxRows: config.exportMaxRows ?? DEFAULT_EXPORT_MAX_ROWS });
  registerAuditRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerCalendarRoutes(app, ctx);
  registerTokenRoutes(app, ctx);
  registerKnowledgeRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerRoutingRoutes(app, ctx);
  registerContactRoutes(app, ctx);
  registerTriageSettingsRoutes(app, ctx);
  registerIntakeCheckRoutes(app, ctx);
  registerJurisdictionRoutes(app, ctx);
  registerSmsRoutes(app, ctx, { secret: config.smsWebhookSecret, publicBaseUrl: config.publicBaseUrl });
  registerHeldSmsRoutes(app, ctx, { publicBaseUrl: config.publicBaseUrl });
  registerRateLimitRoutes(app, ctx);
  registerCtiRoutes(app, ctx);
  registerTelephonyAdminRoutes(app, ctx);
  registerColdLineRoutes(app, ctx);
  registerLiveRoutes(app, config.live);
  registerCallerRoutes(app, ctx);
  registerCategoryRoutes(app, ctx);
  registerCallbackRoutes(app, ctx);
  await registerWeb(app, config.webDist);
  return app;
}
