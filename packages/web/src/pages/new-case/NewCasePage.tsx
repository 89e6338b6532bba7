import { Alert, App, Button, Form, Input, Radio, Select, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { CASE_TYPES, CHANNELS } from '@openline/core';
import { linkCallToCase } from '../../api/callers';
import { createCase, runCaseAction, type IntakeRequest } from '../../api/cases';
import type { Article } from '../../api/kb';
import { isApiError } from '../../api/client';
import { listPublicLines } from '../../api/lines';
import { useCaseChanged } from '../../api/queries/cases';
import type { TakenCall } from '../../api/callers';
import type { CallPrefill } from '../../components/IncomingCalls';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { VulnerabilityChecks } from '../../components/VulnerabilityChecks';
import { CategoryField } from '../../components/CategoryField';
import { caseTypeLabel, channelLabel, urgencyLabel } from '../../i18n/labels';
import { describeDetail, describeError } from '../../lib/errors';
import { markIntakeDraft } from '../../lib/intakeDraft';
import { AssistPanel } from './assist/AssistPanel';
import { CallerHistoryPanel } from './CallerHistoryPanel';
import { useIntakeAssist } from './assist/useIntakeAssist';
import { checkIntakeField, INTAKE_LIMITS, intakeFieldOfPath, type IntakeTextField } from './rules';

interface IntakeValues {
  channel: string;
  lineId?: string;
  callerPhone: string;
  callerName?: string;
  callerIdNumber?: string;
  content: string;
  address?: string;
  type?: string;
  urgency: 'normal' | 'urgent';
  vulnerabilities: string[];
  categoryId?: string | null;
}

// Emergencies are not work orders (DESIGN §3): the form offers only what intake accepts.
const INTAKE_URGENCIES = ['normal', 'urgent'] as const;

/** 新建工单: an operator records a call and lands on the new case to carry on with it. */
export default function NewCasePage() {
  const location = useLocation();
  // A call answered from the screen-pop: its number, line and channel fill the form, and the case is linked to it.
  const call = (location.state as Partial<CallPrefill> | null)?.call;
  // Form values start from initialValues only when the form mounts, so every arrival here (the
  // next call answered, a click on 新建工单) mounts a fresh one: one call's number, line and
  // text never stay in a form that would be linked to another call.
  return <IntakeForm key={location.key} call={call} />;
}

function IntakeForm({ call }: { call: TakenCall | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<IntakeValues>();
  // The screen-pop asks before an answered call replaces what was typed here.
  useEffect(() => () => markIntakeDraft(false), []);
  const changed = useCaseChanged();
  const lines = useQuery({ queryKey: ['lines', 'public'], queryFn: ({ signal }) => listPublicLines(signal), staleTime: 5 * 60_000 });
  const lineId = Form.useWatch('lineId', form);
  const [selection, setSelection] = useState('');
  const assist = useIntakeAssist(
    {
      content: Form.useWatch('content', form) ?? '',
      selection,
      channel: Form.useWatch('channel', form) ?? 'phone',
      callerPhone: Form.useWatch('callerPhone', form) ?? '',
      callerName: Form.useWatch('callerName', form) ?? '',
      address: Form.useWatch('address', form) ?? '',
    },
    () => form.setFieldValue('urgency', 'urgent'),
  );
  // While a newer suggestion loads the last one stays, so the marks do not flicker as one types.
  const suggested = assist.suggestion.data?.vulnerability;
  const smsOnly = (lines.data ?? []).some((line) => line.id === lineId && line.mode === 'sms_only');

  const rule = (field: IntakeTextField) => ({
    validator: async (_: unknown, value: unknown) => {
      const problem = checkIntakeField(t, field, value, smsOnly);
      if (problem) throw new Error(problem);
    },
  });

  /** With `answeredFrom`, the call was answered from that article: record it and close it at intake. */
  const intake = useMutation({
    mutationFn: async ({ values, answeredFrom }: { values: IntakeValues; answeredFrom?: Article }) => {
      const optional = (value: string | undefined) => value?.trim() || undefined;
      const input: IntakeRequest = {
        channel: values.channel,
        callerPhone: values.callerPhone.trim(),
        callerName: optional(values.callerName),
        callerIdNumber: optional(values.callerIdNumber)?.toUpperCase(),
        content: values.content.trim(),
        address: optional(values.address),
        type: values.type ?? '',
        urgency: values.urgency,
        lineId: values.lineId,
        vulnerabilities: values.vulnerabilities,
        ...(values.categoryId ? { categoryId: values.categoryId } : {}),
      };
      const created = await createCase(input);
      if (call) {
        // A second request: if it fails the case stands (it was recorded); say so rather than record it twice.
        await linkCallToCase(call.callId, created.id).catch((refused: unknown) => {
          void message.warning(t('incomingCall.linkFailed', { reason: describeError(t, refused) }));
        });
      }
      if (answeredFrom) {
        // Two requests. If the answer is refused (the article expired a moment ago), the case is
        // recorded all the same: go to it, where 直接答复 can be given by hand, rather than stay
        // here where a second submit would record the call twice.
        try {
          await runCaseAction(created.id, 'answer_directly', { text: answeredFrom.answer, articleId: answeredFrom.id });
          void message.success(t('assist.answeredFrom', { caseNumber: created.caseNumber }));
        } catch (refused) {
          void message.error(describeError(t, refused));
        }
        return { created, answered: true };
      }
      return { created, answered: false };
    },
    onSuccess: ({ created, answered }) => {
      changed();
      if (!answered) void message.success(t('intake.created', { caseNumber: created.caseNumber }));
    },
    onError: (caught) => {
      if (isApiError(caught, 'VALIDATION_FAILED') || isApiError(caught, 'REFERENCE_NOT_FOUND')) {
        const byField = new Map<string, string[]>();
        for (const detail of caught.details) {
          const field = intakeFieldOfPath(detail.path);
          if (field) byField.set(field, [...(byField.get(field) ?? []), describeDetail(t, detail, caught.code)]);
        }
        form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof IntakeValues, errors })));
      }
    },
  });
  const onFinish = (values: IntakeValues, answeredFrom?: Article) =>
    intake.mutate({ values, answeredFrom }, {
      // Given to mutate, this runs only while this form is still on screen: if the next call's
      // form replaced it meanwhile, the operator stays with that call rather than being taken away.
      onSuccess: ({ created, answered }) => {
        // The suggested unit travels with the navigation and pre-fills the dispatch form there.
        const suggestedUnit = answered ? undefined : assist.unit;
        navigate(`/cases/${created.id}`, { state: suggestedUnit ? { suggestedUnit } : undefined });
      },
    });
  // Still busy after success: the page is leaving for the new case, and a second submit would record the call twice.
  const submitting = intake.isPending || intake.isSuccess;
  const error = intake.error;

  return (
    <Panel title={t('intake.title')} className="narrow-panel">
      <PageTitle title={t('intake.title')} />
      <Typography.Paragraph type="secondary">{t('intake.intro')}</Typography.Paragraph>
      <Alert type="warning" showIcon className="form-alert" title={t('intake.emergency')} />
      {call && <Alert type="info" showIcon className="form-alert" data-testid="new-case-from-call" title={t('incomingCall.fromCall', { phone: call.callerPhone ?? t('incomingCall.withheld') })} />}
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={submitting}
        onValuesChange={() => markIntakeDraft(true)}
        initialValues={{
          channel: 'phone', urgency: 'normal', vulnerabilities: [],
          ...(call ? { callerPhone: call.callerPhone ?? '', lineId: call.lineId ?? undefined } : {}),
        }}
        scrollToFirstError={{ block: 'center', focus: true }}
      >
        <Form.Item name="channel" label={t('intake.channel')} required>
          <Select
            data-testid="new-case-channel"
            showSearch={{ optionFilterProp: 'label' }}
            options={CHANNELS.map((channel) => ({ value: channel, label: channelLabel(t, channel) }))}
          />
        </Form.Item>
        <Form.Item name="lineId" label={t('intake.line')}>
          <Select
            data-testid="new-case-line"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={lines.isPending}
            placeholder={t('intake.linePlaceholder')}
            options={(lines.data ?? []).map((line) => ({
              value: line.id,
              label: `${line.number} ${line.name}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="callerPhone" label={t('intake.callerPhone')} required rules={[rule('callerPhone')]} validateTrigger="onBlur">
          <Input data-testid="new-case-phone" type="tel" inputMode="tel" autoComplete="off" maxLength={32} />
        </Form.Item>
        <CallerHistoryPanel phone={Form.useWatch('callerPhone', form) ?? ''} />
        <Form.Item name="callerName" label={t('intake.callerName')} rules={[rule('callerName')]} validateTrigger="onBlur">
          <Input
            data-testid="new-case-name"
            autoComplete="off"
            maxLength={INTAKE_LIMITS.callerName}
            placeholder={t('intake.callerNamePlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="callerIdNumber"
          label={t('intake.idNumber')}
          extra={t('intake.idNumberHelp')}
          required={smsOnly}
          rules={[rule('callerIdNumber')]}
          validateTrigger="onBlur"
        >
          <Input data-testid="new-case-id-number" autoComplete="off" maxLength={18} className="mono" />
        </Form.Item>
        <Form.Item name="content" label={t('intake.content')} required rules={[rule('content')]} validateTrigger="onBlur">
          <Input.TextArea
            data-testid="new-case-content"
            autoSize={{ minRows: 5, maxRows: 14 }}
            showCount
            maxLength={INTAKE_LIMITS.content}
            placeholder={t('intake.contentPlaceholder')}
            onSelect={(event) => {
              const area = event.currentTarget;
              setSelection(area.value.slice(area.selectionStart, area.selectionEnd));
            }}
          />
        </Form.Item>
        <AssistPanel
          {...assist}
          onAnswered={(article) => {
            // The form's own rules still apply (phone, type…); scrolls to the first problem.
            form.validateFields().then((values) => onFinish(values, article), () => undefined);
          }}
        />
        <Form.Item name="address" label={t('intake.address')} rules={[rule('address')]} validateTrigger="onBlur">
          <Input data-testid="new-case-address" autoComplete="off" maxLength={INTAKE_LIMITS.address} />
        </Form.Item>
        <Form.Item name="type" label={t('intake.type')} rules={[{ required: true, message: t('intake.typeRequired') }]}>
          <Radio.Group data-testid="new-case-type">
            {CASE_TYPES.map((type) => (
              <Radio.Button key={type} value={type}>
                <span data-testid={`new-case-type-${type}`}>{caseTypeLabel(t, type)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="categoryId" label={t('categories.label')} extra={t('categories.suggestedHint')}>
          <CategoryField testId="new-case-category" suggestions={'data' in assist.suggestion ? (assist.suggestion.data?.categories ?? []) : []} />
        </Form.Item>
        <Form.Item name="urgency" label={t('intake.urgency')} extra={t('intake.urgencyHelp')} required>
          <Radio.Group data-testid="new-case-urgency">
            {INTAKE_URGENCIES.map((urgency) => (
              <Radio key={urgency} value={urgency}>
                <span data-testid={`new-case-urgency-${urgency}`}>{urgencyLabel(t, urgency)}</span>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {/*
          Suggested flags are marked, not ticked. Unlike urgency, which is pre-selected because
          missing an urgent matter harms the caller, a flag puts this caller ahead of others
          (DESIGN §7), and the text often names someone else: 邻居家的独居老人, 孩子的学校.
          An experienced 12345 operator asks one question ("家里是老人独自居住吗？") and ticks;
          a pre-ticked box would be confirmed silently in a busy call. Forgetting costs little:
          the flags can be set later on the case page.
        */}
        <Form.Item name="vulnerabilities" label={t('vulnerable.title')} extra={t('vulnerable.intakeHelp')}>
          <VulnerabilityChecks testIdPrefix="new-case-vulnerability" suggestion={suggested} />
        </Form.Item>
        {error !== null && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, error)} />}
        <Button type="primary" htmlType="submit" size="large" loading={submitting} data-testid="new-case-submit">
          {t('intake.submit')}
        </Button>
      </Form>
    </Panel>
  );
}
