import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Result, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { normalizeTrackingCode, TRACKING_CODE_LENGTH } from '@openline/core';
import { isApiError } from '../../api/client';
import { fetchAppealProgress } from '../../api/openline';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { describeError } from '../../lib/errors';
import { RatingForm } from './RatingForm';
import { processingRefreshInterval } from './refresh';
import { TrackAttachments } from './TrackAttachments';
import { TrackDetails } from './TrackDetails';
import { TrackResult } from './TrackResult';

interface TrackValues {
  code: string;
}

/** /track asks for a code; /track/:code shows where that appeal stands. */
export default function TrackPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { code: rawCode } = useParams();
  const [form] = Form.useForm<TrackValues>();
  // Codes read out over the phone get typed with spaces, dashes, lower case or O for 0.
  const code = rawCode ? normalizeTrackingCode(rawCode) : null;
  const client = useQueryClient();
  const progressKey = ['public', 'track', code] as const;
  const progress = useQuery({
    queryKey: progressKey,
    queryFn: ({ signal }) => fetchAppealProgress(code ?? '', signal),
    enabled: code !== null,
    // Opened right after submitting, the case number is seconds away: look again until it is there.
    refetchInterval: (query) => processingRefreshInterval(query.state.data?.stage, query.state.dataUpdateCount),
  });
  // Thank the citizen after they rate, without thanking everyone who comes back later.
  const [ratedCode, setRatedCode] = useState<string | null>(null);

  useEffect(() => {
    form.setFieldsValue({ code: rawCode ?? '' });
  }, [form, rawCode]);

  const onFinish = ({ code: typed }: TrackValues) => {
    const normalized = normalizeTrackingCode(typed);
    if (!normalized) return;
    if (normalized === code) void progress.refetch();
    else navigate(`/track/${normalized}`);
  };

  return (
    <Panel title={t('track.title')}>
      <PageTitle title={t('track.title')} />
      <Typography.Paragraph type="secondary">{t('track.intro')}</Typography.Paragraph>
      <Form<TrackValues> form={form} layout="vertical" onFinish={onFinish} validateTrigger="onSubmit">
        {/* The inner item owns the value; the outer one gives the compact input+button a label. */}
        <Form.Item label={t('track.code')} htmlFor="track-code">
          <Space.Compact block>
            <Form.Item
              name="code"
              noStyle
              rules={[
                { required: true, whitespace: true, message: t('track.codeRequired') },
                {
                  validator: async (_, value: unknown) => {
                    if (typeof value === 'string' && value.trim() && !normalizeTrackingCode(value)) {
                      throw new Error(t('track.codeInvalid'));
                    }
                  },
                },
              ]}
            >
              <Input
                id="track-code"
                data-testid="track-code-input"
                placeholder={t('track.codePlaceholder')}
                className="mono"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={TRACKING_CODE_LENGTH + 8}
                size="large"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              data-testid="track-submit"
              loading={progress.isFetching}
            >
              {t('track.submit')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>

      {rawCode !== undefined && code === null && <Alert type="error" showIcon role="alert" title={t('track.codeInvalid')} />}
      {progress.isLoading && <PageSpinner />}
      {progress.isError &&
        (isApiError(progress.error, 'APPEAL_NOT_FOUND') ? (
          <Result status="warning" title={t('track.notFoundTitle')} subTitle={t('errors.APPEAL_NOT_FOUND')} />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={describeError(t, progress.error)}
            action={
              <Button size="small" onClick={() => void progress.refetch()}>
                {t('common.retry')}
              </Button>
            }
          />
        ))}
      {progress.data && code && (
        <>
          <TrackResult progress={progress.data} />
          <TrackDetails
            progress={progress.data}
            justRated={ratedCode === code}
            ratingForm={
              progress.data.canRate &&
              !progress.data.rating && (
                <RatingForm
                  code={code}
                  onRated={(updated) => {
                    setRatedCode(code);
                    client.setQueryData(progressKey, updated);
                  }}
                />
              )
            }
          />
          <TrackAttachments code={code} items={progress.data.attachments ?? []} />
        </>
      )}
    </Panel>
  );
}
