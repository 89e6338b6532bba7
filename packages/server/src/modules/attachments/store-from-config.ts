import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_ATTACHMENT_LIMITS } from '@openline/core';
import type { AttachmentStoreConfig, Config } from '../../config.js';
import { s3AttachmentStore } from './s3-store.js';
import type { AttachmentSettings } from './settings.js';
import { localAttachmentStore, type AttachmentStore } from './store.js';

export function attachmentStoreFor(config: AttachmentStoreConfig): AttachmentStore {
  return config.kind === 'local' ? localAttachmentStore(config.dir) : s3AttachmentStore(config);
}

export function attachmentSettingsFor(config: Pick<Config, 'attachments'>): AttachmentSettings {
  return { store: attachmentStoreFor(config.attachments.store), limits: config.attachments.limits };
}

/** For an app built without settings (tests, tools): the system's temporary directory, default limits. */
export function temporaryAttachmentSettings(): AttachmentSettings {
  return { store: localAttachmentStore(path.join(tmpdir(), 'openline-attachments')), limits: DEFAULT_ATTACHMENT_LIMITS };
}
