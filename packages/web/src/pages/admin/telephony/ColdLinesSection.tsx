import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, InputNumber, Modal, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listColdLines, resetColdThresholds, setColdThresholds, type ColdLineSetting, type ColdLineThresholds } from '../../../api/coldLines';
import { adminKeys } from '../../../api/queries/adminKeys';
import { LoadError } from '../../../components/LoadError';
import { lineModeLabel } from '../../../i18n/labels';
import { describeError } from '../../../lib/errors';
import { formatAnswerRate } from '../../../lib/rates';

const KEY = adminKeys.coldLines;

/** The form speaks percent; the API fractions. */
interface FormValues {
  answerRate: number;
  promptSeconds: number;
  promptRate: number;
  minOffered: number;
}

/** 冷线监测: each line's 24 h against its standard, and the standard per line (issue 10 §4). */
export function ColdLinesSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const query = useQuery({ queryKey: KEY, queryFn: ({ signal }) => listColdLines(signal) });
  const [editing, setEditing] = useState<ColdLineSetting | null>(null);
  const [form] = Form.useForm<FormValues>();
  const onError = (error: unknown) => void message.error(describeError(t, error));
  const save = useMutation({
    mutationFn: (o: { lineId: string; thresholds: ColdLineThresholds }) => setColdThresholds(o.lineId, o.thresholds),
    onSuccess: async () => {
      setEditing(null);
      void message.success(t('coldLines.saved'));
      await client.invalidateQueries({ queryKey: KEY });
    },
    onError,
  });
  const reset = useMutation({ mutationFn: resetColdThresholds, onSuccess: () => client.invalidateQueries({ queryKey: KEY }), onError });

  const open = (row: ColdLineSetting) => setEditing(row);
  // The form re-mounts per line (destroyOnHidden), so its initial values are that line's.
  const initial: FormValues | undefined = editing
    ? { answerRate: Math.round(editing.thresholds.answerRate * 10_000) / 100, promptSeconds: editing.thresholds.promptSeconds, promptRate: Math.round(editing.thresholds.promptRate * 10_000) / 100, minOffered: editing.thresholds.minOffered }
    : undefined;
  const submit = async () => {
    if (!editing) return;
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      // An empty or out-of-range field: the form already says so beside it.
      return;
    }
    // Basis points: the API keeps 4 decimals of a fraction.
    const fraction = (pct: number) => Math.round(pct * 100) / 10_000;
    save.mutate({ lineId: editing.lineId, thresholds: { answerRate: fraction(v.answerRate), promptSeconds: v.promptSeconds, promptRate: fraction(v.promptRate), minOffered: v.minOffered } });
  };

  const columns: TableColumnsType<ColdLineSetting> = [
    {
      key: 'line', title: t('coldLines.line'),
      render: (_: unknown, row) => (
        <>
          <span className="mono">{row.number}</span> {row.name} <Tag>{lineModeLabel(t, row.mode)}</Tag>
        </>
      ),
    },
    {
      key: 'current', title: t('coldLines.current'),
      render: (_: unknown, row) => {
        const c = row.current;
        if (!c || c.answerRate === null) return <Typography.Text type="secondary">{t('answerRates.noData')}</Typography.Text>;
        return (
          <span data-testid="cold-line-current" data-cold={String(c.cold)}>
            <Typography.Text type={c.cold ? 'danger' : undefined}>
              {t('coldLines.summary', { rate: formatAnswerRate(c.answerRate), prompt: c.promptRate === null ? '—' : formatAnswerRate(c.promptRate), seconds: row.thresholds.promptSeconds, offered: c.offered })}
            </Typography.Text>{' '}
            {c.cold && <Tag color="red">{t('lines.cold')}</Tag>}
            {!c.judged && <Tag>{t('coldLines.tooFew')}</Tag>}
          </span>
        );
      },
    },
    {
      key: 'thresholds', title: t('coldLines.thresholds'),
      render: (_: unknown, row) => (
        <>
          {t('coldLines.standard', { answerRate: formatAnswerRate(row.thresholds.answerRate), promptRate: formatAnswerRate(row.thresholds.promptRate), seconds: row.thresholds.promptSeconds })}
          {' · '}{t('coldLines.minOfferedShort', { count: row.thresholds.minOffered })}{' '}
          <Tag color={row.thresholds.custom ? 'blue' : undefined}>{row.thresholds.custom ? t('coldLines.custom') : t('coldLines.defaults')}</Tag>
        </>
      ),
    },
    {
      key: 'action', title: '', width: 200,
      render: (_: unknown, row) => (
        <Flex gap={8} align="center">
          {/* The monitor judges no SMS-only line (no calls, ADR 0021), so a standard would mean nothing; tip lines are judged. */}
          {row.mode === 'sms_only'
            ? <Typography.Text type="secondary" data-testid="cold-line-not-monitored">{t('coldLines.notMonitored')}</Typography.Text>
            : <Button size="small" onClick={() => open(row)}>{t('coldLines.edit')}</Button>}
          {row.thresholds.custom && (
            <Popconfirm title={t('coldLines.resetConfirm')} onConfirm={() => reset.mutate(row.lineId)}>
              <Button size="small">{t('coldLines.reset')}</Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <section data-testid="cold-lines" style={{ marginTop: 24 }}>
      <Typography.Title level={2} style={{ fontSize: 18 }}>{t('coldLines.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('coldLines.hint')}</Typography.Paragraph>
      <LoadError error={query.isError ? query.error : null} onRetry={() => void query.refetch()} />
      <Table<ColdLineSetting> rowKey="lineId" size="small" columns={columns} dataSource={query.data?.items ?? []} loading={query.isPending} pagination={false} />
      <Modal
        open={editing !== null} title={editing ? `${t('coldLines.edit')} · ${editing.name}` : ''} okText={t('coldLines.save')} cancelText={t('coldLines.cancel')}
        onOk={() => void submit()} onCancel={() => setEditing(null)} confirmLoading={save.isPending} destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={initial}>
          <Form.Item name="answerRate" label={t('coldLines.answerRate')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} step={0.5} precision={2} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="promptSeconds" label={t('coldLines.promptSeconds')} rules={[{ required: true }]}>
            <InputNumber min={1} max={600} step={1} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="promptRate" label={t('coldLines.promptRate')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} step={0.5} precision={2} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="minOffered" label={t('coldLines.minOffered')} extra={t('coldLines.minOfferedHint')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10_000} step={1} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
