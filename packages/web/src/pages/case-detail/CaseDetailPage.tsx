import { Alert, Button, Col, Flex, Result, Row, Tag, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { useCase, useCaseChanged } from '../../api/queries/cases';
import { useOrgUnits } from '../../api/queries/orgUnits';
import { isApiError } from '../../api/client';
import { ButtonLink } from '../../components/ButtonLink';
import { ActionButtons } from '../../components/case-actions/ActionButtons';
import { SupervisionButtons } from '../../components/supervision/SupervisionButtons';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { Section } from '../../components/Section';
import { StatusTag } from '../../components/StatusTag';
import { describeError } from '../../lib/errors';
import { isUnauthenticated, useExpireOnUnauthenticated } from '../../session/context';
import { CallerPanel } from './CallerPanel';
import { dispatchHintOf, suggestedUnitOf } from './suggestedUnit';
import { CaseSummary } from './CaseSummary';
import { CaseTimeline } from './CaseTimeline';
import { DeadlinePanel } from './DeadlinePanel';
import { ReplyBlock, VisitBlock } from './OutcomePanel';
import { MergedCasesPanel } from './MergedCasesPanel';
import { VulnerabilityPanel } from './VulnerabilityPanel';
import { CategoryPanel } from './CategoryPanel';
import { FollowButton } from './FollowButton';
import { InstructionsPanel } from './InstructionsPanel';
import { CoHandlingPanel } from './CoHandlingPanel';
import { AttachmentsPanel } from './AttachmentsPanel';

export default function CaseDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const suggested = suggestedUnitOf(useLocation().state);
  const remote = useCase(id);
  const units = useOrgUnits();
  const failure = remote.error;
  useExpireOnUnauthenticated(failure);
  // A write answers with the case's new state: it replaces the cached case and marks every list
  // stale. A refusal because the case moved on (onStale) reloads it.
  const changed = useCaseChanged();
  const reload = () => void remote.refetch();

  const detail = remote.data;
  const names = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  // The lead unit's name comes with the case, so it shows even when the user cannot list units.
  const unitName = useCallback(
    (unitId: string) => names.get(unitId) ?? (detail?.leadUnit?.id === unitId ? detail.leadUnit.name : undefined),
    [names, detail],
  );

  if (!detail) {
    if (remote.isError) {
      const missing = isApiError(failure, 'CASE_NOT_FOUND') || isApiError(failure, 'NOT_FOUND');
      return (
        <Result
          status={missing ? '404' : 'warning'}
          title={t('caseDetail.loadFailed')}
          subTitle={isUnauthenticated(failure) ? undefined : describeError(t, failure)}
          extra={
            <Flex gap="small" justify="center">
              {!missing && <Button onClick={reload}>{t('common.retry')}</Button>}
              <ButtonLink to="/cases">{t('caseDetail.back')}</ButtonLink>
            </Flex>
          }
        />
      );
    }
    return <PageSpinner />;
  }

  const title = t('caseDetail.title', { caseNumber: detail.caseNumber });
  const hint = dispatchHintOf(suggested, detail.suggestedUnit);
  return (
    <Panel
      title={title}
      extra={
        <Flex gap="small">
          <FollowButton caseId={detail.id} />
          <ButtonLink to="/cases">{t('caseDetail.back')}</ButtonLink>
          <Button onClick={reload} loading={remote.isFetching} data-testid="case-refresh">
            {t('common.refresh')}
          </Button>
        </Flex>
      }
    >
      <PageTitle title={title} />
      <Flex gap="small" wrap align="center" className="case-flags">
        <StatusTag status={detail.status} testId="case-status" />
        {detail.awaitingArbitration && (
          <Tag color="red" data-testid="case-awaiting-arbitration">
            {t('caseDetail.awaitingArbitration')}
          </Tag>
        )}
        {detail.bounceCount > 0 && <Tag color="orange">{t('cases.bounceCount', { count: detail.bounceCount })}</Tag>}
        {detail.pendingExtension && (
          <Tag color="gold" title={t('caseDetail.pendingExtensionReason', { reason: detail.pendingExtension.reason })}>
            {t('caseDetail.pendingExtension', { days: detail.pendingExtension.workingDays })}
          </Tag>
        )}
      </Flex>
      {failure !== null && !isUnauthenticated(failure) && (
        <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, failure)} />
      )}

      <Section title={t('caseDetail.actions')}>
        {hint && detail.allowedActions.includes('dispatch') && (
          <Alert
            type="info" showIcon className="form-alert" data-testid={hint.kind === 'petition' ? 'case-petition-unit' : 'case-suggested-unit'}
            title={
              hint.kind === 'petition'
                ? t('caseHint.petitionUnit', { name: hint.unitName, matched: hint.matched ?? hint.unitName })
                : t('caseHint.suggestedUnit', { name: hint.unitName })
            }
          />
        )}
        <Flex gap="small" wrap>
          <ActionButtons detail={detail} onChanged={changed} onStale={reload} suggestedLeadUnitId={hint?.unitId} />
          <SupervisionButtons caseId={detail.id} caseNumber={detail.caseNumber} status={detail.status} onDone={() => changed()} />
        </Flex>
      </Section>

      <Row gutter={[24, 0]}>
        <Col xs={24} xl={16}>
          <Section title={t('caseDetail.summary')}>
            <CaseSummary detail={detail} unitName={unitName} />
          </Section>
          <Section title={t('caseDetail.content')}>
            <Typography.Paragraph className="prewrap" data-testid="case-content">
              {detail.content}
            </Typography.Paragraph>
          </Section>
          <Section title={t('instructions.title')}>
            <InstructionsPanel caseId={detail.id} onChanged={() => changed()} />
          </Section>
          {detail.coUnitIds.length > 0 && (
            <Section title={t('coHandling.title')}>
              <CoHandlingPanel caseId={detail.id} onChanged={() => changed()} />
            </Section>
          )}
          <Section title={t('attachments.title')}>
            <AttachmentsPanel caseId={detail.id} />
          </Section>
          <Section title={t('caseDetail.reply')}>
            <ReplyBlock detail={detail} />
          </Section>
          <Section title={t('caseDetail.visit')}>
            <VisitBlock detail={detail} />
          </Section>
          {detail.mergedCases.length > 0 && (
            <Section title={t('caseDetail.mergedCases')}>
              <MergedCasesPanel cases={detail.mergedCases} />
            </Section>
          )}
        </Col>
        <Col xs={24} xl={8}>
          <Section title={t('deadline.title')}>
            <DeadlinePanel deadlines={detail.deadlines} />
          </Section>
          <Section title={t('categories.label')}>
            <CategoryPanel detail={detail} onChanged={changed} onStale={reload} />
          </Section>
          <Section title={t('vulnerable.title')}>
            <VulnerabilityPanel detail={detail} onChanged={changed} onStale={reload} />
          </Section>
          <Section title={t('caller.title')}>
            {/* Keyed by case, so a revealed identity never carries over to another case. */}
            <CallerPanel key={detail.id} detail={detail} />
          </Section>
        </Col>
      </Row>
      <Section title={t('caseDetail.timeline')}>
        <CaseTimeline events={detail.events} unitName={unitName} />
      </Section>
    </Panel>
  );
}
