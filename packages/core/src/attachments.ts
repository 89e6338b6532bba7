import { mayKnowProtectedCaller, type CallerViewer } from './caller-visibility.js';

/**
 * Attachments on a case (issue 12 §5, ADR 0035): a citizen's photos from the web form, a
 * department's proof of work with its reply, an operator's documents. The rules here are pure;
 * the server applies them.
 */
export const ATTACHMENT_KINDS = ['photo', 'proof', 'document'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
/** What staff may upload; a citizen's upload is always a `photo`. */
export const STAFF_ATTACHMENT_KINDS = ['proof', 'document'] as const;
export type StaffAttachmentKind = (typeof STAFF_ATTACHMENT_KINDS)[number];

/**
 * - `internal`: staff who may see the case (and the tip-line rule below);
 * - `proposed`: the citizen asked for the photo to be shown publicly; staff have not approved yet;
 * - `public`: shown on the tracking page to everyone who follows the case.
 */
export const ATTACHMENT_VISIBILITIES = ['internal', 'proposed', 'public'] as const;
export type AttachmentVisibility = (typeof ATTACHMENT_VISIBILITIES)[number];

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export const SNIFFED_TYPES = [...IMAGE_TYPES, 'application/pdf'] as const;
export type SniffedType = (typeof SNIFFED_TYPES)[number];

/** Stable refusal codes of an upload (the console translates them). */
export const ATTACHMENT_REFUSALS = [
  'ATTACHMENT_TYPE_NOT_ALLOWED',
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_LIMIT_REACHED',
  'ATTACHMENT_UNREADABLE',
  'ATTACHMENT_MISSING',
  'ATTACHMENT_WINDOW_CLOSED',
] as const;
export type AttachmentRefusal = (typeof ATTACHMENT_REFUSALS)[number];

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/**
 * The type a file really is, from its first bytes (magic numbers), never from the name or the
 * content type the client sent: those are the attacker's to choose. Null for anything else.
 * Only the few formats we accept are recognised; a whole sniffing library would recognise
 * hundreds we would then refuse anyway.
 */
export function sniffType(head: Uint8Array): SniffedType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

export const isImageType = (type: SniffedType): boolean => (IMAGE_TYPES as readonly string[]).includes(type);

/** Citizens send photos only; staff may also send PDFs (letters, permits, inspection reports). */
export function typeAllowed(kind: AttachmentKind, type: SniffedType): boolean {
  return kind === 'photo' ? isImageType(type) : true;
}

/** Upload limits; the server reads them from its configuration. */
export interface AttachmentLimits {
  maxBytes: number;
  /** Per case, all kinds together. */
  maxPerCase: number;
  /** Per citizen's appeal (one tracking code). */
  maxPerAppeal: number;
  /** How long after filing a citizen may still add photos through the tracking code. */
  appealWindowMinutes: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxPerCase: 30,
  maxPerAppeal: 5,
  appealWindowMinutes: 60,
};

export interface AttachmentFacts {
  uploaderKind: 'citizen' | 'staff';
  visibility: AttachmentVisibility;
}

/**
 * Whether a staff member who may see the case may see this attachment. A tip-line reporter's
 * photos (ADR 0006) can identify them as surely as their number: the view from a window, a car
 * park only neighbours use. So on a protected case a citizen's upload follows the reporter's own
 * rule — hotline-centre operators only, and never an integration — while staff uploads (proof of
 * work, documents) follow the case.
 */
export function mayViewAttachment(caseProtected: boolean, attachment: AttachmentFacts, viewer: CallerViewer): boolean {
  if (!caseProtected || attachment.uploaderKind === 'staff') return true;
  return mayKnowProtectedCaller(viewer);
}

/**
 * The visibility staff may set. A citizen's photo becomes public only if the citizen proposed it
 * (staff approve or take it back to `proposed`); staff uploads go public or internal at staff's
 * choice. Nothing on a tip-line case is ever public: the tracking page is followed by other
 * citizens too (merged and attached appeals).
 */
export function visibilityChangeAllowed(
  caseProtected: boolean,
  attachment: AttachmentFacts & { citizenProposed: boolean },
  to: AttachmentVisibility,
): boolean {
  if (to === 'public' && caseProtected) return false;
  if (attachment.uploaderKind === 'citizen') {
    return attachment.citizenProposed ? to !== 'internal' : to === 'internal';
  }
  return to !== 'proposed';
}

/**
 * The original file name is kept (sealed) for staff; stored and served names are ours. Strip
 * path parts and control characters and cap the length, so a hostile name never reaches a
 * header or a file system.
 */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim().slice(0, 120);
  return cleaned.length > 0 ? cleaned : 'file';
}

export const extensionFor = (type: SniffedType): string =>
  ({ 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'application/pdf': 'pdf' })[type];
