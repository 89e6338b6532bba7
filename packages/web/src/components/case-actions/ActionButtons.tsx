import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionType } from '@openline/core';
import type { CaseDetail } from '../../api/cases';
import { actionLabel, isKnownAction } from '../../i18n/labels';
import { ActionModal } from './ActionModal';

// Acts that move the case away from a unit or end it get the danger style, so they are not
// clicked in passing; the forward path gets the primary style.
const DANGER: ReadonlySet<string> = new Set(['return', 'invalidate', 'extension_reject', 'redispatch']);
const PRIMARY: ReadonlySet<string> = new Set(['dispatch', 'accept', 'reply', 'visit', 'arbitrate', 'extension_approve']);

interface ActionButtonsProps {
  detail: CaseDetail;
  onChanged: (updated: CaseDetail) => void;
  onStale: () => void;
  /** Pre-fills the dispatch form's lead unit (the unit chosen from the intake suggestions). */
  suggestedLeadUnitId?: string;
}

/** One button per entry of `allowedActions`, in the server's order; test id `action-<name>`. */
export function ActionButtons({ detail, onChanged, onStale, suggestedLeadUnitId }: ActionButtonsProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState<ActionType | null>(null);
  // A newer server may offer acts this build has no form for; they are listed but not offered.
  const known = detail.allowedActions.filter(isKnownAction);
  const unknown = detail.allowedActions.filter((action) => !isKnownAction(action));

  if (detail.allowedActions.length === 0) {
    return <Typography.Text type="secondary">{t('caseDetail.noActions')}</Typography.Text>;
  }

  return (
    <Flex gap="small" wrap data-testid="case-actions">
      {known.map((action) => (
        <Button
          key={action}
          data-testid={`action-${action}`}
          type={PRIMARY.has(action) ? 'primary' : 'default'}
          danger={DANGER.has(action)}
          onClick={() => setOpen(action)}
        >
          {actionLabel(t, action)}
        </Button>
      ))}
      {unknown.map((action) => (
        <Button key={action} disabled data-testid={`action-${action}`}>
          {action}
        </Button>
      ))}
      {open && (
        <ActionModal
          caseId={detail.id}
          caseNumber={detail.caseNumber}
          action={open}
          initialValues={open === 'dispatch' && suggestedLeadUnitId ? { leadUnitId: suggestedLeadUnitId } : undefined}
          onCancel={() => setOpen(null)}
          onStale={() => {
            setOpen(null);
            onStale();
          }}
          onDone={(updated) => {
            setOpen(null);
            void message.success(t('caseAction.done', { action: actionLabel(t, open) }));
            onChanged(updated);
          }}
        />
      )}
    </Flex>
  );
}
