import { App, Button, Checkbox, Empty, Flex, Image, List, Select, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttachmentVisibility, StaffAttachmentKind } from '@openline/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentKeys, attachmentUrl, getAttachments, setAttachmentVisibility, uploadAttachment, type Attachment } from '../../api/attachments';
import { LoadError } from '../../components/LoadError';
import { describeError } from '../../lib/errors';
import { formatCityTime } from '../../lib/time';
import { kindKey } from '../track/TrackAttachments';

const VISIBILITY_COLOR: Record<AttachmentVisibility, string> = { internal: 'default', proposed: 'gold', public: 'green' };
const MB = 1024 * 1024;

/**
 * A case's attachments (issue 12 §5): citizens' photos, proof of work, documents, with
 * thumbnails; downloads of what is not public are audited by the server. Who may attach which
 * kind, and publish to the tracking page, comes from the server (mayUpload, mayChangeVisibility).
 */
export function AttachmentsPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: attachmentKeys.list(caseId), queryFn: ({ signal }) => getAttachments(caseId, signal) });
  const data = query.data;
  return (
    <div data-testid="attachments">
      <LoadError error={query.error} title={t('attachments.title')} onRetry={() => void query.refetch()} />
      {data && data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.empty')} />}
      {data && data.items.length > 0 && (
        <Image.PreviewGroup>
          <List<Attachment>
            dataSource={data.items}
            renderItem={(item) => <AttachmentRow caseId={caseId} item={item} mayChangeVisibility={data.mayChangeVisibility} />}
          />
        </Image.PreviewGroup>
      )}
      {data && data.withheld > 0 && (
        <Typography.Paragraph type="secondary" data-testid="attachments-withheld">
          {t('attachments.withheld', { count: data.withheld })}
        </Typography.Paragraph>
      )}
      {data && data.mayUpload.length > 0 && <UploadForm caseId={caseId} kinds={data.mayUpload} maxBytes={data.limits.maxBytes} maxPerCase={data.limits.maxPerCase} />}
    </div>
  );
}

function AttachmentRow({ caseId, item, mayChangeVisibility }: { caseId: string; item: Attachment; mayChangeVisibility: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (visibility: AttachmentVisibility) => setAttachmentVisibility(caseId, item.id, visibility),
    onSuccess: () => client.invalidateQueries({ queryKey: attachmentKeys.list(caseId) }),
    onError: (error) => void message.error(describeError(t, error)),
  });
  // What the hotline may do next: approve what the citizen offered, take back what is public.
  const next: { to: AttachmentVisibility; label: string } | null =
    item.visibility === 'proposed' ? { to: 'public', label: t('attachments.approve') }
    : item.visibility === 'public' ? { to: item.uploaderKind === 'citizen' ? 'proposed' : 'internal', label: t('attachments.unpublish') }
    : item.uploaderKind === 'staff' ? { to: 'public', label: t('attachments.makePublic') }
    : null;
  return (
    <List.Item key={item.id} data-testid="attachment">
      <Flex gap="middle" align="center" style={{ width: '100%' }}>
        {item.hasThumbnail ? (
          <Image
            src={attachmentUrl(caseId, item.id, 'thumbnail')}
            preview={{ src: attachmentUrl(caseId, item.id) }}
            width={72}
            height={72}
            className="attachment-thumb"
            alt={t('attachments.thumbnailAlt', { name: item.name })}
            data-testid="attachment-thumb"
          />
        ) : (
          <Tag>{item.contentType === 'application/pdf' ? 'PDF' : item.contentType}</Tag>
        )}
        <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Flex gap="small" wrap align="center">
            <Tag color="blue">{t(`attachments.kinds.${kindKey(item.kind)}`)}</Tag>
            <Tag color={VISIBILITY_COLOR[item.visibility]} data-testid="attachment-visibility" data-visibility={item.visibility}>
              {t(`attachments.visibility.${item.visibility}`)}
            </Tag>
            {item.locationKept && <Tag color="purple">{t('attachments.locationKept')}</Tag>}
          </Flex>
          <Tooltip title={item.visibility === 'public' ? undefined : t('attachments.downloadAudited')}>
            <Typography.Link href={attachmentUrl(caseId, item.id)} target="_blank" rel="noopener" ellipsis data-testid="attachment-download">
              {item.name}
            </Typography.Link>
          </Tooltip>
          <Typography.Text type="secondary">
            {item.uploaderName ?? t('attachments.citizen')} · {formatCityTime(item.createdAt)} · {(item.sizeBytes / 1024).toFixed(0)} KB
          </Typography.Text>
        </Flex>
        {mayChangeVisibility && next && (
          <Button size="small" loading={change.isPending} onClick={() => change.mutate(next.to)} data-testid="attachment-visibility-change">
            {next.label}
          </Button>
        )}
      </Flex>
    </List.Item>
  );
}

function UploadForm({ caseId, kinds, maxBytes, maxPerCase }: { caseId: string; kinds: StaffAttachmentKind[]; maxBytes: number; maxPerCase: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<StaffAttachmentKind>(kinds.includes('document') ? 'document' : (kinds[0] ?? 'document'));
  const [makePublic, setMakePublic] = useState(false);
  const send = useMutation({
    mutationFn: (file: File) => uploadAttachment(caseId, file, { kind, makePublic }),
    onSuccess: () => {
      void message.success(t('attachments.uploaded'));
      return client.invalidateQueries({ queryKey: attachmentKeys.list(caseId) });
    },
    onError: (error) => void message.error(describeError(t, error)),
  });
  return (
    <Flex gap="small" wrap align="center" className="attachment-upload">
      {kinds.length > 1 && (
        <Select<StaffAttachmentKind>
          value={kind}
          onChange={setKind}
          aria-label={t('attachments.kindLabel')}
          options={kinds.map((k) => ({ value: k, label: t(`attachments.kinds.${k}`) }))}
          style={{ minWidth: 120 }}
        />
      )}
      <Checkbox checked={makePublic} onChange={(e) => setMakePublic(e.target.checked)}>
        {t('attachments.makePublic')}
      </Checkbox>
      <Button loading={send.isPending} onClick={() => input.current?.click()} data-testid="attachment-upload">
        {send.isPending ? t('attachments.uploading') : t('attachments.upload')}
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        accept="image/*,application/pdf"
        data-testid="attachment-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) send.mutate(file);
          e.target.value = '';
        }}
      />
      <Typography.Text type="secondary">{t('attachments.limitsHint', { mb: maxBytes / MB, count: maxPerCase })}</Typography.Text>
    </Flex>
  );
}
