import fastifyMultipart from '@fastify/multipart';
import { ATTACHMENT_VISIBILITIES, attachmentSchema, caseAttachmentsSchema, publicAttachmentSchema, STAFF_ATTACHMENT_KINDS } from '@openline/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { flag, receiveUpload } from './multipart.js';
import { readTrackedAttachment, uploadAppealPhoto } from './public.js';
import { caseAttachments, changeVisibility, readCaseAttachment, uploadCaseAttachment, type AttachmentBytes } from './service.js';
import type { AttachmentSettings } from './settings.js';

const caseParams = z.object({ id: z.string().uuid() });
const fileParams = z.object({ id: z.string().uuid(), attachmentId: z.string().uuid() });
const codeParams = z.object({ trackingCode: z.string().min(1).max(64) });
const codeFileParams = z.object({ trackingCode: z.string().min(1).max(64), fileId: z.string().uuid() });
const staffFields = z.object({ kind: z.enum(STAFF_ATTACHMENT_KINDS).default('document'), public: z.string().max(8).optional() });
const uploadErrors = {
  400: errorSchema.describe('VALIDATION_FAILED, ATTACHMENT_MISSING, ATTACHMENT_UNREADABLE'),
  409: errorSchema.describe('ATTACHMENT_LIMIT_REACHED, VISIBILITY_NOT_ALLOWED, ATTACHMENT_WINDOW_CLOSED'),
  413: errorSchema.describe('ATTACHMENT_TOO_LARGE'),
  415: errorSchema.describe('ATTACHMENT_TYPE_NOT_ALLOWED (sniffed from the bytes), UNSUPPORTED_MEDIA_TYPE (not multipart)'),
};
const MULTIPART_NOTE = 'multipart/form-data: text fields first, then one part named `file`. Signed-in browsers add the header `x-openline-upload: 1` (CSRF, ADR 0035).';

/** `filename*` carries any name (RFC 6266/5987); the plain one is an ASCII fallback for old clients. */
function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function sendBytes(reply: FastifyReply, bytes: AttachmentBytes): FastifyReply {
  // Served as what we stored and nothing else: no sniffing, no scripts even if a PDF carries some.
  reply.header('content-type', bytes.contentType);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('content-security-policy', "default-src 'none'; sandbox");
  reply.header('content-disposition', contentDisposition(bytes.contentType.startsWith('image/') ? 'inline' : 'attachment', bytes.fileName));
  reply.header('cache-control', bytes.isPublic ? 'private, max-age=300' : 'private, no-store');
  return reply.send(bytes.stream);
}

/** Attachments (issue 12 §5, ADR 0035). Multipart parsing is registered for these routes only. */
export async function registerAttachmentRoutes(app: FastifyInstance, ctx: AppContext, settings: AttachmentSettings): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: settings.limits.maxBytes, files: 1 } });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get('/api/v1/cases/:id/attachments', {
      schema: {
        tags: ['attachments'], summary: "A case's attachments the viewer may see, and what they may do", security: [{ session: [] }], params: caseParams,
        response: {
          200: caseAttachmentsSchema,
          401: errorSchema, 404: errorSchema,
        },
      },
    }, async (request) => caseAttachments(ctx, settings, { user: requireUser(request), caseId: request.params.id }));

    r.post('/api/v1/cases/:id/attachments', {
      schema: {
        tags: ['attachments'], summary: 'Attach a document, or proof of work (handlers, with a reply)', description: `${MULTIPART_NOTE} Fields: kind (document | proof), public (true: shown on the tracking page).`,
        security: [{ session: [] }], params: caseParams, consumes: ['multipart/form-data'],
        response: { 201: attachmentSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, ...uploadErrors },
      },
    }, async (request, reply) => {
      const user = requireUser(request);
      const receive = async () => {
        const { file, fields } = await receiveUpload(request, settings.limits.maxBytes);
        const parsed = staffFields.safeParse(fields);
        if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'The request is not valid', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, issue: i.code })));
        return { file, kind: parsed.data.kind, makePublic: flag(parsed.data.public) };
      };
      const view = await uploadCaseAttachment(ctx, settings, { user, caseId: request.params.id, ip: request.ip, receive });
      return reply.status(201).send(view);
    });

    r.patch('/api/v1/cases/:id/attachments/:attachmentId', {
      schema: {
        tags: ['attachments'], summary: "Approve a citizen's photo for the tracking page, or take an attachment back (operators, supervisors; audited)",
        security: [{ session: [] }], params: fileParams, body: z.object({ visibility: z.enum(ATTACHMENT_VISIBILITIES) }),
        response: { 200: attachmentSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    }, async (request) =>
      changeVisibility(ctx, settings, { user: requireUser(request), caseId: request.params.id, attachmentId: request.params.attachmentId, visibility: request.body.visibility, ip: request.ip }));

    for (const variant of ['file', 'thumbnail'] as const) {
      r.get(variant === 'file' ? '/api/v1/cases/:id/attachments/:attachmentId' : '/api/v1/cases/:id/attachments/:attachmentId/thumbnail', {
        schema: {
          tags: ['attachments'], summary: variant === 'file' ? 'Download an attachment (audited unless it is public)' : "An image attachment's thumbnail (320 px JPEG, no metadata)",
          security: [{ session: [] }], params: fileParams, response: { 401: errorSchema, 404: errorSchema },
        },
      }, async (request, reply) =>
        sendBytes(reply, await readCaseAttachment(ctx, settings, { user: requireUser(request), caseId: request.params.id, attachmentId: request.params.attachmentId, variant, ip: request.ip })));

      r.get(variant === 'file' ? '/api/v1/public/appeals/:trackingCode/files/:fileId' : '/api/v1/public/appeals/:trackingCode/files/:fileId/thumbnail', {
        schema: {
          tags: ['public'], summary: variant === 'file' ? "An attachment on the tracking page: the citizen's own photo, or one staff made public" : 'Its thumbnail',
          params: codeFileParams, response: { 404: errorSchema, 429: errorSchema },
        },
      }, async (request, reply) =>
        sendBytes(reply, await readTrackedAttachment(ctx, settings, { code: request.params.trackingCode, ip: request.ip, attachmentId: request.params.fileId, variant })));
    }

    r.post('/api/v1/public/appeals/:trackingCode/files', {
      schema: {
        tags: ['public'], summary: 'Add a photo to the appeal just filed (within the window after filing)',
        description: `${MULTIPART_NOTE} Fields: shareLocation (true: keep the photo's GPS position), public (true: the citizen agrees to it being shown publicly once staff approve).`,
        params: codeParams, consumes: ['multipart/form-data'],
        response: { 201: publicAttachmentSchema, 404: errorSchema, 429: errorSchema, ...uploadErrors },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const receive = async () => {
        const { file, fields } = await receiveUpload(request, settings.limits.maxBytes);
        return { file, shareLocation: flag(fields['shareLocation']), proposePublic: flag(fields['public']) };
      };
      const view = await uploadAppealPhoto(ctx, settings, { code: request.params.trackingCode, ip: request.ip, receive });
      return reply.status(201).send(view);
    });
  });
}
