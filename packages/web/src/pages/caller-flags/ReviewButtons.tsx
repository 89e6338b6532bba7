import { App, Button, Flex, Input, Modal, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReviewCallerFlag, type CallerFlag } from '../../api/callerFlags';
import { describeError } from '../../lib/errors';

/** A supervisor confirms a flag (it stays) or clears it (calls ring for everyone again); both need a note. */
export function ReviewButtons({ flag }: { flag: CallerFlag }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const review = useReviewCallerFlag();
  const [decision, setDecision] = useState<'confirm' | 'clear' | null>(null);
  const [note, setNote] = useState('');
  const submit = () => {
    if (!decision) return;
    review.mutate(
      { id: flag.id, input: { decision, note: note.trim() } },
      {
        onSuccess: () => {
          setDecision(null);
          setNote('');
          void message.success(t('callerFlags.reviewed'));
        },
        onError: (error) => void message.error(describeError(t, error)),
      },
    );
  };
  return (
    <>
      <Flex gap="small">
        {flag.reviewDecision !== 'confirm' && (
          <Button size="small" data-testid={`caller-flag-confirm-${flag.id}`} onClick={() => setDecision('confirm')}>
            {t('callerFlags.decisions.confirm')}
          </Button>
        )}
        <Button size="small" danger data-testid={`caller-flag-clear-${flag.id}`} onClick={() => setDecision('clear')}>
          {t('callerFlags.decisions.clear')}
        </Button>
      </Flex>
      <Modal
        open={decision !== null}
        title={decision ? t(`callerFlags.reviewTitle.${decision}`, { phone: flag.callerPhone }) : ''}
        okText={t('callerFlags.submit')}
        okButtonProps={{ disabled: note.trim().length < 2, loading: review.isPending, 'data-testid': 'caller-flag-review-ok' } as ButtonProps}
        onOk={submit}
        onCancel={() => setDecision(null)}
        destroyOnHidden
      >
        <Input.TextArea
          data-testid="caller-flag-review-note"
          value={note}
          maxLength={500}
          rows={3}
          placeholder={t('callerFlags.reviewNote')}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </>
  );
}
