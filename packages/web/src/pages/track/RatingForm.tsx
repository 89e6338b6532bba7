import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Satisfaction } from '@openline/core';
import { rateAppeal, type AppealProgress } from '../../api/openline';
import { SATISFACTION_CHOICES, satisfactionLabel } from '../../i18n/labels';
import { describeError } from '../../lib/errors';

interface RatingValues {
  solved?: boolean;
  satisfaction?: Satisfaction;
  comment?: string;
}

const COMMENT_MAX = 2000;

/** The citizen's own return visit: solved or not, how satisfied, and a comment. */
export function RatingForm({ code, onRated }: { code: string; onRated: (progress: AppealProgress) => void }) {
  const { t } = useTranslation();
  const rating = useMutation({
    mutationFn: (input: Parameters<typeof rateAppeal>[1]) => rateAppeal(code, input),
    onSuccess: onRated,
  });
  const submitting = rating.isPending || rating.isSuccess;
  const error = rating.error;
  const onFinish = (values: RatingValues) => {
    if (values.solved === undefined || values.satisfaction === undefined) return;
    const comment = values.comment?.trim();
    rating.mutate({ solved: values.solved, satisfaction: values.satisfaction, ...(comment ? { comment } : {}) });
  };

  return (
    <section className="track-section" aria-labelledby="rating-title">
      <h2 id="rating-title" className="section__title">
        {t('rating.title')}
      </h2>
      <Typography.Paragraph type="secondary">{t('rating.intro')}</Typography.Paragraph>
      <Form<RatingValues> layout="vertical" onFinish={onFinish} disabled={submitting}>
        <Form.Item name="solved" label={t('rating.solved')} rules={[{ required: true, message: t('rating.solvedRequired') }]}>
          <Radio.Group>
            <Radio.Button value={true}>
              <span data-testid="rate-solved">{t('solved.yes')}</span>
            </Radio.Button>
            <Radio.Button value={false}>
              <span data-testid="rate-unsolved">{t('solved.no')}</span>
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="satisfaction"
          label={t('rating.satisfaction')}
          rules={[{ required: true, message: t('rating.satisfactionRequired') }]}
        >
          <Radio.Group>
            {SATISFACTION_CHOICES.map((level) => (
              <Radio.Button key={level} value={level}>
                <span data-testid={`rate-satisfaction-${level}`}>{satisfactionLabel(t, level)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="comment" label={t('rating.comment')}>
          <Input.TextArea data-testid="rate-comment" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={COMMENT_MAX} showCount />
        </Form.Item>
        {error !== null && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, error)} />}
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="rate-submit">
          {t('rating.submit')}
        </Button>
      </Form>
    </section>
  );
}
