import { Alert, App, Button, Tag, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../../api/client';
import { attachContact, checkIntake, type DuplicateCandidate, type IntakeCheckRequest, type RepeatContactRequest } from '../../../api/intake';
import { statusLabel } from '../../../i18n/labels';
import { describeError } from '../../../lib/errors';
import { formatCityTime } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';
import { toPercent } from './text';

interface DuplicateCandidatesProps {
  check: IntakeCheckRequest;
  /** What attaching sends; null while the form lacks a valid phone number. */
  contact: RepeatContactRequest | null;
}

/**
 * Repeats from the same caller (which the contact can be attached to instead of opening a new
 * case), the caller's other open cases (worded differently; the operator asks), and other
 * callers' cases about the same incident. Hidden when the server has no check.
 */
export function DuplicateCandidates({ check, contact }: DuplicateCandidatesProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [attaching, setAttaching] = useState<string | null>(null);
  const [attachError, setAttachError] = useState<unknown>(null);
  const result = useRemote(check.content.length >= 2 ? JSON.stringify(check) : null, (signal) => checkIntake(check, signal));

  // An older server without the check answers 404; a bad phone number 400: either way, show nothing.
  if (result.status === 'idle' || (result.status === 'error' && isApiError(result.error))) return null;
  const data = 'data' in result ? result.data : undefined;
  if (!data) return null;

  const attach = async (candidate: DuplicateCandidate) => {
    if (!contact) return;
    setAttaching(candidate.caseId);
    setAttachError(null);
    try {
      const attached = await attachContact(candidate.caseId, contact);
      void message.success(t('assist.attached', { caseNumber: attached.caseNumber }));
      navigate(`/cases/${candidate.caseId}`);
    } catch (caught) {
      setAttachError(caught);
      setAttaching(null);
    }
  };

  const attachButton = (candidate: DuplicateCandidate) => (
    <Tooltip title={contact ? undefined : t('assist.attachNeedsPhone')}>
      <Button
        size="small"
        data-testid="suggest-attach"
        disabled={!contact || (attaching !== null && attaching !== candidate.caseId)}
        loading={attaching === candidate.caseId}
        onClick={() => void attach(candidate)}
      >
        {t('assist.attach')}
      </Button>
    </Tooltip>
  );

  const row = (candidate: DuplicateCandidate, kind: 'repeat' | 'caller_open' | 'same_incident', extra: ReactNode) => (
    <li key={candidate.caseId} data-testid="suggest-duplicate" data-kind={kind} data-status={candidate.status}>
      <Link to={`/cases/${candidate.caseId}`} className="mono">
        {candidate.caseNumber}
      </Link>{' '}
      <Tag>{statusLabel(t, candidate.status)}</Tag>
      <Typography.Text type="secondary">
        {t('assist.similarity', { percent: toPercent(candidate.similarity) })} · <time dateTime={candidate.createdAt}>{formatCityTime(candidate.createdAt)}</time>
      </Typography.Text>{' '}
      {extra}
    </li>
  );

  return (
    <section className="assist__section" data-testid="suggest-duplicates">
      <Typography.Text strong className="assist__heading">
        {t('assist.duplicates')}
      </Typography.Text>
      {data.repeats.length === 0 && data.callerOpen.length === 0 && data.sameIncident.length === 0 && (
        <Typography.Text type="secondary">{t('assist.noDuplicates')}</Typography.Text>
      )}
      {data.repeats.length > 0 && (
        <>
          <Typography.Text strong>{t('assist.repeats')}</Typography.Text>
          <ul className="assist__list">
            {data.repeats.map((candidate) => row(candidate, 'repeat', attachButton(candidate)))}
          </ul>
        </>
      )}
      {data.callerOpen.length > 0 && (
        <>
          <Typography.Text strong>{t('assist.callerOpen')}</Typography.Text>
          <ul className="assist__list">{data.callerOpen.map((candidate) => row(candidate, 'caller_open', attachButton(candidate)))}</ul>
        </>
      )}
      {data.sameIncident.length > 0 && (
        <>
          <Typography.Text strong>{t('assist.sameIncident')}</Typography.Text>
          <ul className="assist__list">{data.sameIncident.map((candidate) => row(candidate, 'same_incident', <Tag data-reason={candidate.reason}>{reasonLabel(t, candidate.reason)}</Tag>))}</ul>
        </>
      )}
      {attachError !== null && <Alert type="error" showIcon role="alert" title={describeError(t, attachError)} />}
    </section>
  );
}

function reasonLabel(t: TFunction, reason: string): string {
  return reason === 'address' || reason === 'community' || reason === 'text' ? t(`assist.reason.${reason}`) : reason;
}
