import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../../api/client';
import { attachContact, checkIntake, type DuplicateCandidate, type IntakeCheckRequest, type RepeatContactRequest } from '../../../api/intake';
import { statusLabel } from '../../../i18n/labels';
import { describeError } from '../../../lib/errors';
import { formatCityTime } from '../../../lib/time';
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
  const active = check.content.length >= 2;
  // The last answer stays while the next loads, so the list does not flash at each keystroke.
  const result = useQuery({
    queryKey: ['intake', 'check', check],
    queryFn: ({ signal }) => checkIntake(check, signal),
    enabled: active,
    placeholderData: active ? keepPreviousData : undefined,
  });
  const attachment = useMutation({
    mutationFn: ({ candidate, request }: { candidate: DuplicateCandidate; request: RepeatContactRequest }) => attachContact(candidate.caseId, request),
    onSuccess: (attached, { candidate }) => {
      void message.success(t('assist.attached', { caseNumber: attached.caseNumber }));
      navigate(`/cases/${candidate.caseId}`);
    },
  });
  // Still "attaching" after success: the page is leaving for the case.
  const attaching = attachment.isPending || attachment.isSuccess ? attachment.variables.candidate.caseId : null;
  const attachError = attachment.error;

  // An older server without the check answers 404; a bad phone number 400: either way, show nothing.
  if (!active || (result.isError && isApiError(result.error))) return null;
  const data = result.data;
  if (!data) return null;

  const attach = (candidate: DuplicateCandidate) => {
    if (contact) attachment.mutate({ candidate, request: contact });
  };

  const attachButton = (candidate: DuplicateCandidate) => (
    <Tooltip title={contact ? undefined : t('assist.attachNeedsPhone')}>
      <Button
        size="small"
        data-testid="suggest-attach"
        disabled={!contact || (attaching !== null && attaching !== candidate.caseId)}
        loading={attaching === candidate.caseId}
        onClick={() => attach(candidate)}
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
