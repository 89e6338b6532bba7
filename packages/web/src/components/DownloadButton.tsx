import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../lib/download';
import { describeError } from '../lib/errors';

interface Props {
  /** The API path of the file, query included. */
  path: string;
  /** Saved under this name when the server sends none. */
  fallbackName: string;
  label: string;
  testId?: string;
}

/** A button that downloads a file the server streams; a refusal (too large, signed out) is explained, not saved. */
export function DownloadButton({ path, fallbackName, label, testId }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      const name = await downloadFile(path, fallbackName);
      void message.success(t('download.started', { name }));
    } catch (error) {
      void message.error(`${t('download.failed')} ${describeError(t, error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button loading={busy} onClick={() => void onClick()} data-testid={testId}>
      {label}
    </Button>
  );
}
