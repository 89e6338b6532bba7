import { allowedSupervisionActs, isCaseStatus, isRole, MAX_ORDER_WORKING_DAYS, type SupervisionAct } from '@openline/core';
import { App, Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issueOrder, urgeCase } from '../../api/supervision';
import { useStaffUser } from '../../session/context';
import { SupervisionForm } from './SupervisionForm';

interface SupervisionButtonsProps {
  caseId: string;
  caseNumber: string;
  status: string;
  /** After an act: the case page reloads to show the new event. */
  onDone: () => void;
}

/**
 * 催办 and 督办 on the case page, offered by core's rule (supervisors, while a unit holds the
 * case); the server applies the same rule and the case scope.
 */
export function SupervisionButtons({ caseId, caseNumber, status, onDone }: SupervisionButtonsProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useStaffUser();
  const [open, setOpen] = useState<SupervisionAct | null>(null);
  const acts = isCaseStatus(status) ? allowedSupervisionActs(user.roles.filter(isRole), status) : [];
  if (acts.length === 0) return null;
  const finish = (text: string) => {
    setOpen(null);
    void message.success(text);
    onDone();
  };
  return (
    <Flex gap="small" wrap data-testid="supervision-actions">
      {acts.includes('urge') && (
        <Button onClick={() => setOpen('urge')} data-testid="supervision-urge">
          {t('supervisionActs.urge.button')}
        </Button>
      )}
      {acts.includes('order') && (
        <Button onClick={() => setOpen('order')} data-testid="supervision-order">
          {t('supervisionActs.order.button')}
        </Button>
      )}
      {open === 'urge' && (
        <SupervisionForm
          title={t('supervisionActs.urge.title', { caseNumber })}
          hint={t('supervisionActs.urge.hint')}
          okText={t('supervisionActs.urge.button')}
          testId="urge-form"
          fields={[{ name: 'note', label: t('supervisionActs.urge.note'), kind: 'text', required: t('supervisionActs.urge.noteRequired') }]}
          submit={(values) => urgeCase(caseId, { note: String(values.note) })}
          onCancel={() => setOpen(null)}
          onDone={() => finish(t('supervisionActs.urge.done', { caseNumber }))}
        />
      )}
      {open === 'order' && (
        <SupervisionForm
          title={t('supervisionActs.order.title', { caseNumber })}
          hint={t('supervisionActs.order.hint')}
          okText={t('supervisionActs.order.button')}
          testId="order-form"
          fields={[
            { name: 'instruction', label: t('supervisionActs.order.instruction'), kind: 'text', required: t('supervisionActs.order.instructionRequired') },
            { name: 'replyWorkingDays', label: t('supervisionActs.order.replyWorkingDays'), kind: 'days', max: MAX_ORDER_WORKING_DAYS, initial: 3, required: t('supervisionActs.order.replyWorkingDays') },
          ]}
          submit={(values) => issueOrder(caseId, { instruction: String(values.instruction), replyWorkingDays: Number(values.replyWorkingDays) })}
          onCancel={() => setOpen(null)}
          onDone={() => finish(t('supervisionActs.order.done'))}
        />
      )}
    </Flex>
  );
}
