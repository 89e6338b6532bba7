import type { open311ZhCN } from './open311.zh-CN';

/** Open311 (issue 11 §3): API keys of client applications. */
export const open311En: typeof open311ZhCN = {
  open311: {
    title: 'Open311',
    intro: 'Civic apps (such as FixMyStreet) use the Open311 GeoReport v2 interface to list services, file reports and follow them; a report enters intake exactly like a web appeal. One key per application. Endpoint:',
    name: 'Application',
    namePlaceholder: 'e.g. FixMyStreet local site',
    issue: 'Issue key',
    issued: 'Key issued. It is shown only this once: give it to the application now:',
    prefix: 'Starts with',
    createdAt: 'Issued',
    lastUsedAt: 'Last used',
    state: 'State',
    revoke: 'Revoke',
    revokeConfirm: 'After revoking, reports from this application are refused. Revoke?',
    revoked: 'Revoked',
  },
};
