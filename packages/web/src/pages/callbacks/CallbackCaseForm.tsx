import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callbackKeys, closeAsCase, type CallbackDetail } from '../../api/callbacks';
import { listCases } from '../../api/cases';
import { isApiError } from '../../api/client';
import { describeError } from '../../lib/errors';

/**
 * The callback became a case: find it by its number among the cases the user can see (the case
 * list's search matches a number's prefix) and link it, which closes the task.
 */
export function CallbackCaseForm({ task }: { task: CallbackDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [caseNumber, setCaseNumber] = useState('');
  const link = useMutation({
    mutationFn: async (number: string) => {
      const found = (await listCases({ q: number, page: 1, pageSize: 5 })).items.find((c) => c.caseNumber === number);
      if (!found) throw new Error('not-found');
      return { updated: await closeAsCase(task.id, found.id), caseNumber: found.caseNumber };
    },
    onSuccess: ({ updated, caseNumber: linked }) => {
      queryClient.setQueryData(callbackKeys.detail(task.id), updated);
      void queryClient.invalidateQueries({ queryKey: callbackKeys.all });
      void message.success(t('callbacks.toCase.done', { caseNumber: linked }));
    },
    onError: (error) => void message.error(isApiError(error) ? describeError(t, error) : t('callbacks.toCase.notFound')),
  });
  return (
    <section data-testid="callback-case-form">
      <Typography.Title level={5}>{t('callbacks.toCase.title')}</Typography.Title>
      <Flex gap="small">
        <Input
          aria-label={t('callbacks.toCase.caseNumber')}
          placeholder={t('callbacks.toCase.caseNumber')}
          value={caseNumber}
          onChange={(e) => setCaseNumber(e.target.value)}
          maxLength={40}
          data-testid="callback-case-number"
        />
        <Button onClick={() => link.mutate(caseNumber.trim())} disabled={caseNumber.trim() === ''} loading={link.isPending} data-testid="callback-case-submit">
          {t('callbacks.toCase.submit')}
        </Button>
      </Flex>
    </section>
  );
}
