import { describe, expect, it } from 'vitest';
import { cleanFileName, mayViewAttachment, sniffType, typeAllowed, visibilityChangeAllowed } from './attachments.js';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffType', () => {
  it('recognises the accepted formats by their magic bytes', () => {
    expect(sniffType(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBe('image/jpeg');
    expect(sniffType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffType(bytes('GIF89a', [1]))).toBe('image/gif');
    expect(sniffType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('refuses everything else, whatever the name would say', () => {
    expect(sniffType(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(sniffType(bytes('<html><script>'))).toBeNull();
    expect(sniffType(bytes('PK', [3, 4]))).toBeNull(); // zip, docx
    expect(sniffType(bytes('RIFF', [1, 2, 3, 4], 'AVI '))).toBeNull();
    expect(sniffType(bytes([0xff, 0xd8]))).toBeNull(); // truncated
    expect(sniffType(new Uint8Array())).toBeNull();
  });
});

describe('typeAllowed', () => {
  it('takes only images from citizens and PDFs too from staff', () => {
    expect(typeAllowed('photo', 'image/png')).toBe(true);
    expect(typeAllowed('photo', 'application/pdf')).toBe(false);
    expect(typeAllowed('document', 'application/pdf')).toBe(true);
    expect(typeAllowed('proof', 'application/pdf')).toBe(true);
  });
});

describe('mayViewAttachment (ADR 0006 for attachments)', () => {
  const centreOperator = { roles: ['operator'], orgUnitKind: 'centre' };
  const supervisor = { roles: ['supervisor'], orgUnitKind: 'department' };
  const citizenPhoto = { uploaderKind: 'citizen' as const, visibility: 'internal' as const };
  const proof = { uploaderKind: 'staff' as const, visibility: 'internal' as const };

  it('shows a tip reporter\'s photos only to the hotline centre\'s operators, never to a token', () => {
    expect(mayViewAttachment(true, citizenPhoto, centreOperator)).toBe(true);
    expect(mayViewAttachment(true, citizenPhoto, supervisor)).toBe(false);
    expect(mayViewAttachment(true, citizenPhoto, { roles: ['operator'], orgUnitKind: 'department' })).toBe(false);
    expect(mayViewAttachment(true, citizenPhoto, { ...centreOperator, viaApiToken: true })).toBe(false);
    expect(mayViewAttachment(true, { ...citizenPhoto, visibility: 'public' }, supervisor)).toBe(false);
  });

  it('lets staff uploads and ordinary cases follow the case', () => {
    expect(mayViewAttachment(true, proof, supervisor)).toBe(true);
    expect(mayViewAttachment(false, citizenPhoto, supervisor)).toBe(true);
  });
});

describe('visibilityChangeAllowed', () => {
  const proposed = { uploaderKind: 'citizen' as const, visibility: 'proposed' as const, citizenProposed: true };
  const unproposed = { uploaderKind: 'citizen' as const, visibility: 'internal' as const, citizenProposed: false };
  const staff = { uploaderKind: 'staff' as const, visibility: 'internal' as const, citizenProposed: false };

  it('publishes a citizen\'s photo only with the citizen\'s consent', () => {
    expect(visibilityChangeAllowed(false, proposed, 'public')).toBe(true);
    expect(visibilityChangeAllowed(false, proposed, 'proposed')).toBe(true);
    expect(visibilityChangeAllowed(false, unproposed, 'public')).toBe(false);
    expect(visibilityChangeAllowed(false, unproposed, 'proposed')).toBe(false);
  });

  it('never publishes anything on a tip-line case', () => {
    expect(visibilityChangeAllowed(true, proposed, 'public')).toBe(false);
    expect(visibilityChangeAllowed(true, staff, 'public')).toBe(false);
    expect(visibilityChangeAllowed(true, staff, 'internal')).toBe(true);
  });

  it('lets staff publish their own uploads but not mark them as a citizen\'s proposal', () => {
    expect(visibilityChangeAllowed(false, staff, 'public')).toBe(true);
    expect(visibilityChangeAllowed(false, staff, 'proposed')).toBe(false);
  });
});

describe('cleanFileName', () => {
  it('keeps the base name without paths, control characters or header breakers', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\王\\照片 1.jpg')).toBe('照片 1.jpg');
    expect(cleanFileName('a"\r\nb.jpg')).toBe('ab.jpg');
    expect(cleanFileName('')).toBe('file');
    expect(cleanFileName(undefined)).toBe('file');
    expect(cleanFileName('x'.repeat(300))).toHaveLength(120);
  });
});
