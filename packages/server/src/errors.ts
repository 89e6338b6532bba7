import { DENIAL_HTTP_STATUS, type AttachmentRefusal, SUPERVISION_DENIAL_HTTP_STATUS, type DenialCode, type SupervisionDenialCode } from '@openline/core';

/**
 * One error type for everything the API refuses on purpose. The code is a stable contract
 * with clients (they switch on it and translate it); the message is for humans and may change.
 */
type OwnErrorCode =
  | 'VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'TOO_MANY_ATTEMPTS'
  | 'TOO_MANY_REQUESTS'
  | 'FORBIDDEN'
  | 'CSRF_REJECTED'
  | 'NOT_FOUND'
  | 'APPEAL_NOT_FOUND'
  | 'CASE_NOT_FOUND'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'CONFLICT'
  | 'EMERGENCY_REDIRECT'
  | 'NOT_CONFIGURED'
  | 'SIGNATURE_INVALID'
  | 'REQUEST_EXPIRED'
  | 'SMS_CHANNEL_DISABLED'
  | 'SOURCE_NOT_ALLOWED'
  | 'UNKNOWN_LINE'
  | 'REFERENCE_NOT_FOUND'
  | 'INVALID_PERIOD'
  | 'EXPORT_TOO_LARGE'
  | 'INVALID_MONTH'
  | 'CATEGORY_TOO_DEEP'
  | 'CATEGORY_CYCLE'
  | 'CATEGORY_IN_USE'
  | 'CATEGORY_RETIRED'
  | 'INSTRUCTION_NOT_ALLOWED'
  | 'CO_HANDLING_NOT_ALLOWED'
  | 'INSTRUCTION_NOT_FOUND'
  | 'INSTRUCTION_ANSWERED'
  | 'CALLBACK_CLOSED'
  | 'DATABASE_UNAVAILABLE'
  | 'APPEAL_NOT_READY'
  | AttachmentRefusal
  | 'ATTACHMENT_NOT_FOUND'
  | 'VISIBILITY_NOT_ALLOWED'
  | 'INTERNAL_ERROR';

/** Our own codes plus the status machine's refusals (ILLEGAL_TRANSITION, REASON_REQUIRED, …). */
export type ErrorCode = OwnErrorCode | DenialCode | SupervisionDenialCode;

const STATUS: Record<OwnErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
  /** A public form or lookup over its rate limit (ADR 0007); Retry-After says when to try again. */
  TOO_MANY_REQUESTS: 429,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  APPEAL_NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  CONFLICT: 409,
  /** The appeal describes an emergency: the citizen must call 110/119/120, not wait for a case. */
  EMERGENCY_REDIRECT: 422,
  NOT_CONFIGURED: 503,
  /** A gateway webhook without a valid HMAC signature (channels/sms). */
  SIGNATURE_INVALID: 401,
  /** A signed webhook whose timestamp is too old (or too far ahead): a possible replay. */
  REQUEST_EXPIRED: 401,
  /** No SMS_WEBHOOK_SECRET: the channel is off; 503 so the gateway keeps the message and retries. */
  SMS_CHANNEL_DISABLED: 503,
  /** An SMS push from an address outside SMS_PUSH_ALLOWED_IPS (the providers that cannot sign; ADR 0030). */
  SOURCE_NOT_ALLOWED: 403,
  /** An inbound message to a number that is no published line here. */
  UNKNOWN_LINE: 422,
  /**
   * An id in the request (unit, user, line, article, case) names no row of the caller's
   * jurisdiction; `details` name the fields. Unknown and foreign ids get the same answer. Also
   * the safety net for a foreign key a service did not check first (plugins/errors.ts).
   */
  REFERENCE_NOT_FOUND: 400,
  /** A figures period that is no calendar date, ends before it starts, or spans more than a year. */
  INVALID_PERIOD: 400,
  /**
   * A case export matching more rows than the cap (EXPORT_MAX_ROWS); refused before anything is
   * streamed, `details` say how many matched and the cap, so the user narrows the filters.
   */
  EXPORT_TOO_LARGE: 422,
  /** A public figures or open-data month that is not YYYY-MM, or lies in the future. */
  INVALID_MONTH: 400,
  /** A category placed (created or moved) below the third level, counting its subtree (ADR 0026). */
  CATEGORY_TOO_DEEP: 409,
  /** A category moved under itself or one of its descendants. */
  CATEGORY_CYCLE: 409,
  /** Deleting a category that cases use or that has sub-categories: retire it instead. */
  CATEGORY_IN_USE: 409,
  /** A retired category chosen for a case, or as a parent; or restored under a retired parent. */
  CATEGORY_RETIRED: 409,
  /** An instruction (批示) on a case no unit is working: not yet dispatched, or finished (ADR 0027). */
  INSTRUCTION_NOT_ALLOWED: 409,
  CO_HANDLING_NOT_ALLOWED: 409,
  /** No such instruction on that case. */
  INSTRUCTION_NOT_FOUND: 404,
  /** The instruction already has its answer; an answer is not edited afterwards. */
  INSTRUCTION_ANSWERED: 409,
  /** A try or an outcome for a callback task that is already closed (ADR 0022). */
  CALLBACK_CLOSED: 409,
  /**
   * The database is read-only, full or unreachable: nothing was stored, try again later
   * (Retry-After). What was acknowledged before stays acknowledged (bench/faults, ADR 0034).
   */
  DATABASE_UNAVAILABLE: 503,
  /** An appeal accepted moments ago and still queued for filing (ADR 0032): retry shortly. */
  APPEAL_NOT_READY: 409,
  /** An upload whose bytes are no format we take (sniffed, not as named): images; PDFs from staff (ADR 0035). */
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  /** An upload over the configured size. */
  ATTACHMENT_TOO_LARGE: 413,
  /** The case, or the citizen's appeal, already has the configured number of attachments. */
  ATTACHMENT_LIMIT_REACHED: 409,
  /** An image that does not decode (truncated, corrupt, or a decompression bomb). */
  ATTACHMENT_UNREADABLE: 400,
  /** A multipart upload without a file part. */
  ATTACHMENT_MISSING: 400,
  /** A citizen adding photos to an appeal filed longer ago than the configured window. */
  ATTACHMENT_WINDOW_CLOSED: 409,
  /** No such attachment on that case, or not one the viewer may see. */
  ATTACHMENT_NOT_FOUND: 404,
  /** A visibility the rules forbid: a citizen's photo made public without their consent, anything public on a tip case. */
  VISIBILITY_NOT_ALLOWED: 409,
  INTERNAL_ERROR: 500,
};

export interface ErrorDetail {
  path: string;
  /** English, for developers and logs; screens translate `issue` instead. */
  message: string;
  /**
   * What kind of problem, as a stable code a client can translate: zod's issue codes
   * (`too_small`, `too_big`, `invalid_format`, `invalid_type`, `invalid_value`, `custom`, …).
   */
  issue?: string;
  /** The bound that was crossed, for `too_small` / `too_big`. */
  limit?: number;
  /** What was measured for `too_small` / `too_big`: `string` (characters), `number`, `array` (items). */
  origin?: string;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Sent as Retry-After (seconds) with a 429. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.status = Object.hasOwn(STATUS, code)
      ? STATUS[code as OwnErrorCode]
      : Object.hasOwn(SUPERVISION_DENIAL_HTTP_STATUS, code)
        ? SUPERVISION_DENIAL_HTTP_STATUS[code as keyof typeof SUPERVISION_DENIAL_HTTP_STATUS]
        : DENIAL_HTTP_STATUS[code as DenialCode];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}

export function errorBody(code: ErrorCode, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}
