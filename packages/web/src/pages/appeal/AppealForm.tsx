import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Flex, Form, Input, Typography } from 'antd';
import type { FormProps } from 'antd';
import type { ReactNode } from 'react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ErrorDetail } from '../../api/client';
import { submitPublicAppeal, type AppealReceipt, type PublicAppealRequest } from '../../api/openline';
import { uploadAppealPhoto } from '../../api/attachments';
import { PHOTO_LIMITS, PhotoPicker } from './PhotoPicker';
import { usePublicCategories } from '../../api/categories';
import { CategorySelect } from '../../components/CategorySelect';
import { describeDetail, describeError } from '../../lib/errors';
import { CallNowButton, EMERGENCY_SERVICES } from './EmergencyNumbers';
import { APPEAL_LIMITS, checkAppealField, fieldOfPath, type AppealField } from './rules';

type AppealValues = Record<AppealField, string | undefined> & { categoryId?: string | null; shareLocation?: boolean; publicConsent?: boolean };

/** How the photos went after the appeal was filed: the appeal stands either way. */
export interface PhotoOutcome {
  uploaded: number;
  failed: number;
  /** The first refusal, in the citizen's words. */
  reason: string | null;
}

export function AppealForm({ onSubmitted }: { onSubmitted: (receipt: AppealReceipt, photos: PhotoOutcome) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AppealValues>();
  const categories = usePublicCategories();
  const [photos, setPhotos] = useState<File[]>([]);
  // Set before the request leaves and cleared when it settles. `isPending` and the disabled form
  // only take effect after a re-render, so a double Enter or double-click got in between and filed
  // the appeal twice (the second merged into the first, and both counted against the phone's limit).
  const inFlight = useRef(false);

  const rule = (field: AppealField) => ({
    validator: async (_: unknown, value: unknown) => {
      const message = checkAppealField(t, field, value);
      if (message) throw new Error(message);
    },
  });

  const sending = useMutation({
    mutationFn: async ({ values, confirmNotEmergency }: { values: AppealValues; confirmNotEmergency: boolean }) => {
      const address = values.address?.trim();
      const input: PublicAppealRequest = {
        name: (values.name ?? '').trim(),
        phone: (values.phone ?? '').trim(),
        content: (values.content ?? '').trim(),
        ...(address ? { address } : {}),
        ...(confirmNotEmergency ? { confirmNotEmergency } : {}),
        ...(values.categoryId ? { categoryId: values.categoryId } : {}),
      };
      const receipt = await submitPublicAppeal(input);
      return { receipt, photos: await sendPhotos(receipt.trackingCode, values) };
    },
    onSuccess: ({ receipt, photos: outcome }) => onSubmitted(receipt, outcome),
    onSettled: () => {
      inFlight.current = false;
    },
    onError: (caught) => {
      if (isApiError(caught, 'VALIDATION_FAILED')) showServerDetails(caught.details);
    },
  });
  const submit = (values: AppealValues, confirmNotEmergency: boolean) => {
    if (inFlight.current) return;
    inFlight.current = true;
    sending.mutate({ values, confirmNotEmergency });
  };
  const submitting = sending.isPending;
  // The server read the appeal as an emergency: the number it names is shown, ready to dial, and
  // the citizen may still file the appeal if the word list was wrong. The server names the number
  // in details[0] (its own message is Chinese only); the words around it come from the citizen's language.
  const emergency = isApiError(sending.error, 'EMERGENCY_REDIRECT') ? (sending.error.details[0]?.message ?? EMERGENCY_SERVICES[0].number) : null;
  const error = sending.error && !emergency ? describeError(t, sending.error) : null;

  // The photos follow the appeal through its tracking code, one by one (a phone's uplink is
  // slow, and one refused photo must not cost the others).
  const sendPhotos = async (trackingCode: string, values: AppealValues): Promise<PhotoOutcome> => {
    const outcome: PhotoOutcome = { uploaded: 0, failed: 0, reason: null };
    for (const file of photos) {
      try {
        await uploadAppealPhoto(trackingCode, file, { shareLocation: values.shareLocation === true, makePublic: values.publicConsent === true });
        outcome.uploaded += 1;
      } catch (caught) {
        outcome.failed += 1;
        outcome.reason ??= describeError(t, caught);
      }
    }
    return outcome;
  };

  const onFinish = (values: AppealValues) => submit(values, false);

  // The form checks on blur, but a paste past the limit must be flagged as it lands; once the
  // field shows an error, each edit re-checks so the message goes as soon as the text fits.
  const recheckContent = (event: { target: { value: string } }) => {
    const max = APPEAL_LIMITS.content;
    const over = max !== undefined && event.target.value.length > max;
    if (over || form.getFieldError('content').length > 0) void form.validateFields(['content']).catch(() => undefined);
  };

  // The server had the last word on a field: show its reason next to that field.
  const showServerDetails = (details: ErrorDetail[]) => {
    const byField = new Map<AppealField, string[]>();
    for (const detail of details) {
      const field = fieldOfPath(detail.path);
      if (field) byField.set(field, [...(byField.get(field) ?? []), describeDetail(t, detail)]);
    }
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  };

  const requiredMark: FormProps['requiredMark'] = (label: ReactNode, { required }) => (
    <>
      {label}
      {required ? (
        <span className="required-mark" aria-hidden="true">
          *
        </span>
      ) : (
        <Typography.Text type="secondary" className="optional-mark">
          {t('common.optional')}
        </Typography.Text>
      )}
    </>
  );

  return (
    <Form<AppealValues>
      form={form}
      layout="vertical"
      requiredMark={requiredMark}
      onFinish={onFinish}
      disabled={submitting}
      scrollToFirstError={{ block: 'center', focus: true }}
      validateTrigger="onBlur"
    >
      <Form.Item name="name" label={t('appeal.name')} required rules={[rule('name')]}>
        <Input
          data-testid="appeal-name"
          placeholder={t('appeal.namePlaceholder')}
          autoComplete="name"
          maxLength={APPEAL_LIMITS.name}
        />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('appeal.phone')}
        required
        rules={[rule('phone')]}
        extra={t('appeal.phoneHelp')}
      >
        <Input
          data-testid="appeal-phone"
          placeholder={t('appeal.phonePlaceholder')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={32}
        />
      </Form.Item>
      <Form.Item name="content" label={t('appeal.content')} required rules={[rule('content')]}>
        {/* No maxLength: it cut a long paste off silently. The text is kept, the counter turns red
            and the field says at once that it is too long; submitting waits until it is shortened. */}
        <Input.TextArea
          data-testid="appeal-content"
          placeholder={t('appeal.contentPlaceholder')}
          autoSize={{ minRows: 5, maxRows: 14 }}
          count={{ show: true, max: APPEAL_LIMITS.content }}
          onChange={recheckContent}
        />
      </Form.Item>
      <Form.Item name="address" label={t('appeal.address')} rules={[rule('address')]}>
        <Input
          data-testid="appeal-address"
          placeholder={t('appeal.addressPlaceholder')}
          autoComplete="street-address"
          maxLength={APPEAL_LIMITS.address}
        />
      </Form.Item>
      {/* Optional, and only when the city has categories: staff categorise what the citizen leaves.
          The form's requiredMark already marks these labels as optional; they must not say it again. */}
      {categories.data && categories.data.length > 0 && (
        <Form.Item name="categoryId" label={t('categories.publicLabel')} extra={t('categories.publicHelp')}>
          <CategorySelect nodes={categories.data} data-testid="appeal-category" />
        </Form.Item>
      )}

      <Form.Item
        label={t('attachments.photosLabel')}
        extra={t('attachments.photosHelp', { count: PHOTO_LIMITS.count, mb: PHOTO_LIMITS.bytes / (1024 * 1024) })}
      >
        <PhotoPicker value={photos} onChange={setPhotos} disabled={submitting} />
      </Form.Item>
      {photos.length > 0 && (
        <>
          {/* Off by default: a phone photo's position is often the citizen's own home. */}
          <Form.Item name="shareLocation" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox data-testid="appeal-share-location">{t('attachments.shareLocation')}</Checkbox>
          </Form.Item>
          <Form.Item name="publicConsent" valuePropName="checked">
            <Checkbox data-testid="appeal-photo-public">{t('attachments.publicConsent')}</Checkbox>
          </Form.Item>
        </>
      )}

      {error && <Alert type="error" showIcon title={error} role="alert" className="form-alert" />}
      {emergency && (
        // The advice sits under the title and the buttons under the advice: as an antd `action`
        // beside it, a 390 px phone squeezed the advice into a column three characters wide.
        <Alert
          type="error"
          showIcon
          role="alert"
          className="form-alert"
          data-testid="appeal-emergency"
          title={t('appeal.emergencyDetected')}
          description={
            <Flex vertical gap="small">
              <span>{t('appeal.emergencyAdvice', { number: emergency })}</span>
              <CallNowButton number={emergency} />
              <Button size="small" data-testid="appeal-not-emergency" onClick={() => submit(form.getFieldsValue(), true)}>
                {t('appeal.notEmergency')}
              </Button>
            </Flex>
          }
        />
      )}

      <Typography.Paragraph type="secondary" className="privacy-note">
        {t('appeal.privacy')}
      </Typography.Paragraph>
      <Button type="primary" htmlType="submit" size="large" block loading={submitting} data-testid="appeal-submit">
        {submitting ? t('appeal.submitting') : t('appeal.submit')}
      </Button>
    </Form>
  );
}
