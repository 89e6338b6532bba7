import { App, Button, Empty, Flex, Form, Input, List, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { INSTRUCTION_TEXT_MAX } from '@openline/core';
import { useTranslation } from 'react-i18next';
import { answerInstruction, deskKeys, getInstructions, giveInstruction, type Instruction } from '../../api/desk';
import { LoadError } from '../../components/LoadError';
import { describeError } from '../../lib/errors';
import { formatCityTime } from '../../lib/time';

interface Props {
  caseId: string;
  /** The case's history changed (a new event): reload the page's case. */
  onChanged: () => void;
}

/**
 * Officials' instructions (批示) on the case and the lead unit's answers (issue 12 §2). An
 * official who may instruct gets the form; a handler of the lead unit gets an answer form under
 * each open instruction. What each may do comes from the server (mayInstruct, mayAnswer).
 */
export function InstructionsPanel({ caseId, onChanged }: Props) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: deskKeys.instructions(caseId), queryFn: ({ signal }) => getInstructions(caseId, signal) });
  const data = query.data;
  return (
    <div data-testid="instructions">
      <LoadError error={query.error} title={t('instructions.loadFailed')} onRetry={() => void query.refetch()} />
      {data && data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('instructions.none')} />}
      {data && data.items.length > 0 && (
        <List<Instruction>
          dataSource={data.items}
          renderItem={(item) => (
            <List.Item key={item.id} data-testid="instruction">
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap="small" wrap align="center">
                  {item.answeredAt ? <Tag color="green">{t('instructions.answeredTag')}</Tag> : <Tag color="gold">{t('instructions.awaiting')}</Tag>}
                  <Typography.Text type="secondary">{t('instructions.by', { name: item.authorName, time: formatCityTime(item.createdAt) })}</Typography.Text>
                  <Typography.Text type="secondary">{t('instructions.to', { unit: item.unitName })}</Typography.Text>
                </Flex>
                <Typography.Paragraph className="prewrap" strong style={{ marginBottom: 0 }} data-testid="instruction-text">
                  {item.text}
                </Typography.Paragraph>
                {item.answeredAt && (
                  <div className="instruction-answer" data-testid="instruction-answer">
                    <Typography.Text type="secondary">
                      {t('instructions.answerBy', { name: item.answeredByName ?? '', time: formatCityTime(item.answeredAt) })}
                    </Typography.Text>
                    <Typography.Paragraph className="prewrap" style={{ marginBottom: 0 }}>
                      {item.answerText}
                    </Typography.Paragraph>
                  </div>
                )}
                {!item.answeredAt && data.mayAnswer && <AnswerForm caseId={caseId} instructionId={item.id} onChanged={onChanged} />}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {data?.mayInstruct && <InstructForm caseId={caseId} onChanged={onChanged} />}
    </div>
  );
}

function useTextRule() {
  const { t } = useTranslation();
  return [{ required: true, whitespace: true, min: 2, message: t('instructions.tooShort') }];
}

function InstructForm({ caseId, onChanged }: { caseId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const give = useMutation({
    mutationFn: (text: string) => giveInstruction(caseId, text),
    onSuccess: () => {
      form.resetFields();
      void message.success(t('instructions.given'));
      void client.invalidateQueries({ queryKey: deskKeys.instructions(caseId) });
      void client.invalidateQueries({ queryKey: deskKeys.summary });
      onChanged();
    },
    onError: (error) => void message.error(describeError(t, error)),
  });
  return (
    <Form form={form} layout="vertical" onFinish={(values) => give.mutate(values.text.trim())} requiredMark={false}>
      <Form.Item name="text" label={t('instructions.give')} rules={useTextRule()}>
        <Input.TextArea data-testid="instruction-input" rows={3} maxLength={INSTRUCTION_TEXT_MAX} showCount placeholder={t('instructions.placeholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={give.isPending} data-testid="instruction-submit">
        {t('instructions.submit')}
      </Button>
    </Form>
  );
}

function AnswerForm({ caseId, instructionId, onChanged }: { caseId: string; instructionId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const answer = useMutation({
    mutationFn: (text: string) => answerInstruction(caseId, instructionId, text),
    onSuccess: () => {
      void message.success(t('instructions.answeredToast'));
      void client.invalidateQueries({ queryKey: deskKeys.instructions(caseId) });
      onChanged();
    },
    onError: (error) => {
      void message.error(describeError(t, error));
      // Answered meanwhile by a colleague: show their answer.
      void client.invalidateQueries({ queryKey: deskKeys.instructions(caseId) });
    },
  });
  return (
    <Form form={form} layout="vertical" onFinish={(values) => answer.mutate(values.text.trim())} requiredMark={false}>
      <Form.Item name="text" label={t('instructions.answer')} rules={useTextRule()}>
        <Input.TextArea data-testid="instruction-answer-input" rows={3} maxLength={INSTRUCTION_TEXT_MAX} showCount placeholder={t('instructions.answerPlaceholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="instruction-answer-submit">
        {t('instructions.answerSubmit')}
      </Button>
    </Form>
  );
}
