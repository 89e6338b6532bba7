import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminKeys } from '../../../api/queries/adminKeys';
import { importCdr, type CdrImportReport } from '../../../api/telephony';
import { describeError } from '../../../lib/errors';

/** The server's limit for one file; a bigger Master.csv is split and imported in parts (re-imports are harmless). */
const MAX_BYTES = 8 * 1024 * 1024;

type Rejected = CdrImportReport['rejected'][number];

/** Upload an Asterisk Master.csv and see what was imported, what was already there and what was refused. */
export function CdrImportSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<CdrImportReport | null>(null);

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) {
      void message.error(t('telephony.cdr.tooLarge'));
      return;
    }
    setBusy(true);
    try {
      setReport(await importCdr(await file.text()));
      // The cold-line monitor above computes its 24 h on request, so the imported calls show at once.
      void client.invalidateQueries({ queryKey: adminKeys.coldLines });
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <section data-testid="cdr-import" style={{ marginTop: 24 }}>
      <Typography.Title level={2} style={{ fontSize: 18 }}>{t('telephony.cdr.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('telephony.cdr.hint')}</Typography.Paragraph>
      <input
        ref={input} type="file" accept=".csv,text/csv" hidden data-testid="cdr-file"
        onChange={(e) => { const file = e.target.files?.[0]; if (file) void upload(file); }}
      />
      <Button onClick={() => input.current?.click()} loading={busy}>{t('telephony.cdr.choose')}</Button>
      {report && (
        <div data-testid="cdr-report" style={{ marginTop: 16 }}>
          <Descriptions size="small" column={3} items={[
            { key: 'imported', label: t('telephony.cdr.imported'), children: report.imported },
            { key: 'duplicates', label: t('telephony.cdr.duplicates'), children: report.duplicates },
            { key: 'rejected', label: t('telephony.cdr.rejected'), children: report.rejected.length },
          ]} />
          {report.rejected.length > 0 && (
            <>
              <Alert type="warning" showIcon className="form-alert" title={t('telephony.cdr.rejectedHint')} />
              <Table rowKey="row" size="small" pagination={{ pageSize: 20 }} dataSource={report.rejected} columns={[
                { key: 'row', title: t('telephony.cdr.row'), dataIndex: 'row', width: 100 },
                {
                  key: 'reason', title: t('telephony.cdr.reason'),
                  // By code: the English reason is for API clients.
                  render: (_: unknown, r: Rejected) => t(`telephony.cdr.reasons.${r.code}`, { ...r.params }),
                },
              ]} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
