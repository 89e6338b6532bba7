import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/cases';
import { satisfactionLabel } from '../../i18n/labels';

/** What the department answered and what the citizen said about it. */
export function ReplyBlock({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return detail.replyText ? (
    <Typography.Paragraph className="prewrap" data-testid="case-reply">
      {detail.replyText}
    </Typography.Paragraph>
  ) : (
    <Typography.Text type="secondary">{t('caseDetail.noReply')}</Typography.Text>
  );
}

export function VisitBlock({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { visit } = detail;
  if (!visit) return <Typography.Text type="secondary">{t('caseDetail.noVisit')}</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid="case-visit"
      items={[
        { key: 'solved', label: t('field.solved'), children: t(visit.solved ? 'solved.yes' : 'solved.no') },
        { key: 'satisfaction', label: t('field.satisfaction'), children: satisfactionLabel(t, visit.satisfaction) },
        ...(visit.comment ? [{ key: 'comment', label: t('caseDetail.visitComment'), children: visit.comment }] : []),
      ]}
    />
  );
}
