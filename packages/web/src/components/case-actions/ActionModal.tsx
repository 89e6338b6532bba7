import { Alert, Button, Flex, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { attachmentKeys, uploadAttachment } from '../../api/attachments';
import { ProofFiles, type ProofChoice } from './ProofFiles';
import { useTranslation } from 'react-i18next';
import type { ActionType } from '@openline/core';
import { runCaseAction, type CaseDetail } from '../../api/cases';
import { isApiError } from '../../api/client';
import { zhCN } from '../../i18n/zh-CN';
import { actionLabel } from '../../i18n/labels';
import { describeError } from '../../lib/errors';
import { ActionField } from './ActionField';
import { ACTION_FIELDS, buildActionBody, fieldOfDetail, type ActionValues } from './fields';

interface ActionModalProps {
  caseId: string;
  /** Shown in the title, so the user knows which case the act is for when opened from a list. */
  caseNumber: string;
  action: ActionType;
  onDone: (updated: CaseDetail) => void;
  onCancel: () => void;
  /** Someone else changed the case meanwhile: the caller reloads it. */
  onStale: () => void;
  initialValues?: ActionValues;
}

// Refusals that mean the page shows an outdated case: offer to reload rather than retry.
const STALE_CODES = new Set(['CONFLICT', 'ILLEGAL_TRANSITION', 'NOT_AWAITING_ARBITRATION', 'NO_PENDING_EXTENSION']);

function hasHint(action: ActionType): action is keyof typeof zhCN.actionHint {
  return Object.hasOwn(zhCN.actionHint, action);
}

/** The dialog behind one action button: its fields, the server's verdict, and nothing else. */
export function ActionModal({ caseId, caseNumber, action, onDone, onCancel, onStale, initialValues }: ActionModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ActionValues>();
  const [proof, setProof] = useState<ProofChoice>({ files: [], makePublic: false });
  const queries = useQueryClient();
  const leadUnitId = Form.useWatch('leadUnitId', form);
  const fields = ACTION_FIELDS[action];
  const label = actionLabel(t, action);

  const running = useMutation({
    mutationFn: async (values: ActionValues) => {
      // Proof of work first: a refused file stops the reply, and the user can drop it and retry.
      // Each file sent leaves the list, so a retry after a refusal sends only the rest.
      let remaining = action === 'reply' ? proof.files : [];
      for (const file of remaining) {
        await uploadAttachment(caseId, file, { kind: 'proof', makePublic: proof.makePublic });
        remaining = remaining.filter((f) => f !== file);
        const left = remaining;
        setProof((p) => ({ ...p, files: left }));
      }
      return runCaseAction(caseId, action, buildActionBody(action, values));
    },
    onSuccess: onDone,
    onError: (caught) => {
      if (isApiError(caught)) {
        // Put the server's reasons next to the fields they are about.
        const byField = new Map<string, string[]>();
        for (const detail of caught.details) {
          const name = fieldOfDetail(action, detail.path);
          if (name) byField.set(name, [...(byField.get(name) ?? []), detail.message]);
        }
        if (caught.code === 'REASON_REQUIRED' && byField.size === 0 && fields.some((f) => f.name === 'reason')) {
          byField.set('reason', [t('errors.REASON_REQUIRED')]);
        }
        form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      }
    },
    onSettled: () => {
      if (action === 'reply') void queries.invalidateQueries({ queryKey: attachmentKeys.list(caseId) });
    },
  });
  const submitting = running.isPending;
  const error = running.error;
  const onFinish = (values: ActionValues) => running.mutate(values);
  const stale = isApiError(error) && STALE_CODES.has(error.code);

  return (
    <Modal
      open
      title={`${label} · ${caseNumber}`}
      onCancel={onCancel}
      footer={null}
      destroyOnHidden
      maskClosable={!submitting}
      width={560}
    >
      {hasHint(action) && <Typography.Paragraph type="secondary">{t(`actionHint.${action}`)}</Typography.Paragraph>}
      <Form<ActionValues> form={form} initialValues={initialValues} layout="vertical" onFinish={onFinish} disabled={submitting} data-testid={`action-form-${action}`}>
        {fields.map((field) => (
          <ActionField key={field.name} field={field} caseId={caseId} leadUnitId={typeof leadUnitId === 'string' ? leadUnitId : undefined} />
        ))}
        {action === 'reply' && <ProofFiles value={proof} onChange={setProof} />}
        {error !== null && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="form-alert"
            data-testid="action-error"
            data-code={isApiError(error) ? error.code : undefined}
            // CONFLICT is the optimistic-lock refusal: in a case it can only mean someone else acted first.
            title={isApiError(error, 'CONFLICT') ? t('caseAction.conflict') : describeError(t, error)}
            action={
              stale ? (
                <Button size="small" onClick={onStale}>
                  {t('caseAction.reload')}
                </Button>
              ) : undefined
            }
          />
        )}
        <Flex justify="flex-end" gap="small">
          <Button onClick={onCancel} disabled={submitting}>
            {t('caseAction.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="action-form-submit">
            {label}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
