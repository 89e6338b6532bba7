import { Flex, Image, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { publicFileUrl } from '../../api/attachments';
import type { PublicAttachment } from '../../api/openline';

/**
 * Photos and proof of work on the tracking page (issue 12 §5): the citizen's own photos, and
 * what staff made public (proof of the repair; other citizens' photos they agreed to show).
 * Thumbnails link to the full image; a PDF is a download link.
 */
export function TrackAttachments({ code, items }: { code: string; items: PublicAttachment[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section className="track-section" aria-labelledby="attachments-title">
      <h2 id="attachments-title" className="section__title">
        {t('attachments.trackTitle')}
      </h2>
      <Image.PreviewGroup>
        <Flex gap="small" wrap data-testid="track-attachments">
          {items.map((item, index) => (
            <Flex key={item.id} vertical align="center" gap={4}>
              {item.hasThumbnail ? (
                <Image
                  src={publicFileUrl(code, item.id, 'thumbnail')}
                  preview={{ src: publicFileUrl(code, item.id) }}
                  width={120}
                  height={120}
                  className="attachment-thumb"
                  alt={t('attachments.thumbnailAlt', { name: `${t(`attachments.kinds.${kindKey(item.kind)}`)} ${index + 1}` })}
                  data-testid="track-attachment-thumb"
                />
              ) : (
                <Typography.Link href={publicFileUrl(code, item.id)}>{t(`attachments.kinds.${kindKey(item.kind)}`)}</Typography.Link>
              )}
              <Tag color={item.own ? 'blue' : 'green'}>{item.own ? t('attachments.ownPhoto') : t(`attachments.kinds.${kindKey(item.kind)}`)}</Tag>
            </Flex>
          ))}
        </Flex>
      </Image.PreviewGroup>
    </section>
  );
}

const KINDS = ['photo', 'proof', 'document'] as const;
/** An unknown kind from a newer server reads as a document. */
export const kindKey = (kind: string): (typeof KINDS)[number] => ((KINDS as readonly string[]).includes(kind) ? (kind as (typeof KINDS)[number]) : 'document');
