import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../api/cases';
import { ActionModal } from '../../components/case-actions/ActionModal';
import type { CaseColumnKey } from '../../components/case-table/columns';
import { CaseQueuePage } from './CaseQueuePage';

const FILTERS = { awaitingArbitration: true };
const COLUMNS: CaseColumnKey[] = ['caseNumber', 'status', 'leadUnit', 'urgency', 'type', 'content', 'createdAt'];

/** 退单仲裁: cases returned twice, waiting for a supervisor to name the unit (首接负责). */
export default function ArbitrationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState<CaseSummary | null>(null);

  return (
    <CaseQueuePage
      title={t('supervision.arbitrationTitle')}
      intro={t('supervision.arbitrationIntro')}
      filters={FILTERS}
      columns={COLUMNS}
      testId="arbitration-table"
      actions={() => [
        {
          key: 'actions',
          title: t('caseDetail.actions'),
          fixed: 'end',
          width: 120,
          render: (_: unknown, row: CaseSummary) => (
            <Button size="small" type="primary" onClick={() => setOpen(row)} data-testid="quick-arbitrate">
              {t('action.arbitrate')}
            </Button>
          ),
        },
      ]}
    >
      {(reload) =>
        open && (
          <ActionModal
            caseId={open.id}
            caseNumber={open.caseNumber}
            action="arbitrate"
            onCancel={() => setOpen(null)}
            onStale={() => {
              setOpen(null);
              reload();
            }}
            onDone={() => {
              void message.success(t('supervision.arbitrated', { caseNumber: open.caseNumber }));
              setOpen(null);
              reload();
            }}
          />
        )
      }
    </CaseQueuePage>
  );
}
