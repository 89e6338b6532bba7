import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerSmsGatewayRoutes } from './channels/sms/gateways/routes.js';
import { registerHeldSmsRoutes } from './channels/sms/held-routes.js';
import { registerSmsRoutes } from './channels/sms/routes.js';
import { DEFAULT_PETITION_WINDOW_HOURS } from './modules/petitions/intake.js';
import { registerPetitionRoutes } from './modules/petitions/routes.js';
import type { Config, TrustProxy } from './config.js';
import { NO_SMS_GATEWAYS } from './config-sms-gateways.js';
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
import { sessionCacheFor } from './modules/auth/session-cache.js';
import { registerCaseActionRoutes } from './modules/cases/action-routes.js';
import { registerCaseRoutes } from './modules/cases/routes.js';
import { registerCallerRoutes } from './modules/callers/routes.js';
import { registerDeskRoutes } from './modules/desk/routes.js';
import { registerCallerFlagRoutes } from './modules/caller-flags/routes.js';
import { registerCoHandlingRoutes } from './modules/co-handling/routes.js';
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
import { coldLinesCollector, databaseCollector, intakeCollector, outboxCollector, sessionCacheCollector, workerCollector } from './modules/metrics/collectors.js';
import { durableIntakeFigures } from './modules/metrics/intake-figures.js';
import { Metrics } from './modules/metrics/registry.js';
import { registerMetricsRoutes } from './modules/metrics/routes.js';
import { registerRequestScope } from './lib/request-context.js';
import type { LiveHubOptions } from './modules/live/hub.js';
import { registerLiveRoutes } from './modules/live/routes.js';
import { ringingReplay } from './modules/callers/ringing.js';
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
import { registerCategoryModelRoutes } from './modules/categories/learned/routes.js';
import { registerOpen311AdminRoutes } from './modules/open311/admin-routes.js';
import { registerOpen311Routes } from './modules/open311/routes.js';
import { registerAttachmentRoutes } from './modules/attachments/routes.js';
import type { AttachmentSettings } from './modules/attachments/settings.js';
import { temporaryAttachmentSettings } from './modules/attachments/store-from-config.js';
import { registerUserRoutes } from './modules/users/routes.js';
import { registerAuth } from './plugins/auth.js';
import { registerCsrfGuard } from './plugins/csrf.js';
import { registerErrorHandling } from './plugins/errors.js';
import { answerFrameworkError } from './plugins/framework-errors.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerRouteInventory } from './plugins/route-inventory.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { registerTextInputRule } from './plugins/text-input.js';
import { registerWeb } from './plugins/web.js';

export interface BuildAppOptions {
  config: Pick<Config, 'logLevel' | 'webDist' | 'trustProxy'> & Partial<Pick<Config, 'smsWebhookSecret' | 'publicBaseUrl' | 'publicRateLimits' | 'sessionCache' | 'exportMaxRows' | 'smsGateways' | 'metricsToken' | 'petitionWindowHours'>> & { live?: Partial<LiveHubOptions> };
  database: Database;
  pii: PiiCipher;
  /** Attachment store and limits (config.ts builds them); absent: a temporary directory (tests). */
  attachments?: AttachmentSettings;
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

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's Prometheus registry: main.ts adds process metrics, modules their collectors. */
    metrics: Metrics;
  }
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
    frameworkErrors: answerFrameworkError,
  });
  registerRouteInventory(app);
  // First hook: everything a request causes (outbox messages, log lines) knows its id.
  registerRequestScope(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Hooks on every request are callback-style, not async: a surge's accept path is ~100 µs and
  // each async hook adds a promise and a microtask turn to it (issue 13 §1).
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  registerSecurityHeaders(app);
  await app.register(fastifyCookie);

  const ctx: AppContext = { db: database.db, dialect: database.dialect, pii, publicRateLimits: config.publicRateLimits !== false };
  const sessions = sessionCacheFor(database.dialect, config.sessionCache !== false);
  if (sessions) {
    ctx.sessions = sessions;
    app.addHook('onClose', (_app, done) => {
      sessions.close();
      done();
    });
  }
  registerErrorHandling(app);
  registerAuth(app, ctx);
  registerCsrfGuard(app);
  registerTextInputRule(app);
  await registerOpenApi(app);

  registerHealthRoutes(app, database);
  const metrics = new Metrics(app.log);
  // The intake gauges come from whatever runs intake: today's synchronous intake counts contacts.
  metrics.registerGaugeCollector(intakeCollector(durableIntakeFigures(ctx)));
  metrics.registerGaugeCollector(workerCollector(ctx));
  metrics.registerGaugeCollector(outboxCollector(ctx));
  metrics.registerGaugeCollector(coldLinesCollector(ctx));
  metrics.registerGaugeCollector(databaseCollector(database));
  if (sessions) metrics.registerGaugeCollector(sessionCacheCollector(sessions));
  app.decorate('metrics', metrics);
  registerMetricsRoutes(app, { metrics, token: config.metricsToken });
  registerAuthRoutes(app, ctx);
  registerPublicIntake(app, ctx, { drain: options.publicIntakeDrainer !== false });
  registerAppealRoutes(app, ctx);
  registerPublicIntakeRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerDeskRoutes(app, ctx);
  registerCallerFlagRoutes(app, ctx);
  registerCoHandlingRoutes(app, ctx);
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
  const petitionWindowHours = config.petitionWindowHours ?? DEFAULT_PETITION_WINDOW_HOURS;
  registerSmsRoutes(app, ctx, { secret: config.smsWebhookSecret, publicBaseUrl: config.publicBaseUrl, petitionWindowHours });
  registerSmsGatewayRoutes(app, ctx, { gateways: (config.smsGateways ?? NO_SMS_GATEWAYS).inbound, publicBaseUrl: config.publicBaseUrl, petitionWindowHours });
  registerHeldSmsRoutes(app, ctx, { publicBaseUrl: config.publicBaseUrl, petitionWindowHours });
  registerPetitionRoutes(app, ctx, { publicBaseUrl: config.publicBaseUrl });
  registerRateLimitRoutes(app, ctx);
  registerCtiRoutes(app, ctx);
  registerTelephonyAdminRoutes(app, ctx);
  registerColdLineRoutes(app, ctx);
  registerLiveRoutes(app, config.live, ringingReplay(ctx));
  registerCallerRoutes(app, ctx);
  registerCategoryRoutes(app, ctx);
  registerCategoryModelRoutes(app, ctx);
  registerCallbackRoutes(app, ctx);
  registerOpen311Routes(app, ctx, { publicBaseUrl: config.publicBaseUrl });
  registerOpen311AdminRoutes(app, ctx);
  await registerAttachmentRoutes(app, ctx, options.attachments ?? temporaryAttachmentSettings());
  await registerWeb(app, config.webDist);
  return app;
}
