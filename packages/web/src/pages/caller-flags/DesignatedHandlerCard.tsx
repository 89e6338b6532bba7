import { Alert, App, Button, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallerFlagSettings, useSetCallerFlagSettings } from '../../api/callerFlags';
import { describeError } from '../../lib/errors';

/** Who the designated handler (专席) is; the centre's supervisors and admins change it. */
export function DesignatedHandlerCard({ mayEdit }: { mayEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useCallerFlagSettings();
  const save = useSetCallerFlagSettings();
  const [choice, setChoice] = useState<string | null | undefined>(undefined);
  if (!settings.data) return null;
  const current = settings.data.designatedUserId;
  const selected = choice === undefined ? current : choice;
  return (
    <Alert
      type={current ? 'info' : 'warning'}
      style={{ marginBottom: 12 }}
      data-testid="designated-handler"
      message={
        <Flex gap="small" align="center" wrap>
          <Typography.Text>
            {current ? t('callerFlags.designatedIs', { name: settings.data.designatedName }) : t('callerFlags.noDesignated')}
          </Typography.Text>
          {mayEdit && (
            <>
              <Select
                data-testid="designated-handler-select"
                style={{ minWidth: 180 }}
                allowClear
                placeholder={t('callerFlags.chooseDesignated')}
                value={selected ?? undefined}
                options={settings.data.candidates.map((c) => ({ value: c.id, label: c.name }))}
                onChange={(v: string | undefined) => setChoice(v ?? null)}
              />
              <Button
                data-testid="designated-handler-save"
                disabled={selected === current}
                loading={save.isPending}
                onClick={() =>
                  save.mutate(
                    { designatedUserId: selected ?? null },
                    { onSuccess: () => void message.success(t('callerFlags.saved')), onError: (error) => void message.error(describeError(t, error)) },
                  )
                }
              >
                {t('callerFlags.save')}
              </Button>
            </>
          )}
        </Flex>
      }
      description={t('callerFlags.designatedHelp')}
    />
  );
}
