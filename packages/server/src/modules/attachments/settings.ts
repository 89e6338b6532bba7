import type { AttachmentLimits } from '@openline/core';
import type { AttachmentStore } from './store.js';

/** What the attachment routes and the sweep need besides the database (config.ts builds it). */
export interface AttachmentSettings {
  store: AttachmentStore;
  limits: AttachmentLimits;
}
