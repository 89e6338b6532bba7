import { DEFAULT_ATTACHMENT_LIMITS } from '@openline/core';
import { Button, Flex, Image, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickPhotos } from './photos';

const MB = 1024 * 1024;
export const PHOTO_LIMITS = { count: DEFAULT_ATTACHMENT_LIMITS.maxPerAppeal, bytes: DEFAULT_ATTACHMENT_LIMITS.maxBytes };

/**
 * The public form's photos (FixMyStreet practice): picked from the phone's camera or gallery,
 * previewed before sending, checked here for count and size so nobody waits for an upload the
 * server would refuse. The server sniffs and re-encodes anyway; these checks are only courtesy.
 */
export function PhotoPicker({ value, onChange, disabled }: { value: File[]; onChange: (files: File[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const previews = useMemo(() => value.map((file) => URL.createObjectURL(file)), [value]);
  useEffect(() => () => previews.forEach((url) => URL.revokeObjectURL(url)), [previews]);

  const add = (picked: FileList | null) => {
    const { files, problem: found } = pickPhotos(value, [...(picked ?? [])], PHOTO_LIMITS);
    const mb = PHOTO_LIMITS.bytes / MB;
    setProblem(
      found === null ? null
      : found.key === 'attachments.tooMany' ? t(found.key, { count: PHOTO_LIMITS.count })
      : t(found.key, { name: found.name, mb }),
    );
    onChange(files);
    if (input.current) input.current.value = '';
  };

  return (
    <Flex vertical gap="small">
      <Flex gap="small" wrap data-testid="appeal-photo-previews">
        {value.map((file, index) => (
          <div key={`${file.name}-${index}`} className="photo-preview">
            <Image src={previews[index]} width={88} height={88} alt={t('attachments.previewAlt', { index: index + 1 })} style={{ objectFit: 'cover' }} />
            <Button
              size="small"
              danger
              type="text"
              disabled={disabled}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            >
              {t('attachments.removePhoto')}
            </Button>
          </div>
        ))}
        {value.length < PHOTO_LIMITS.count && (
          <Button disabled={disabled} onClick={() => input.current?.click()} data-testid="appeal-add-photo" className="photo-add">
            + {t('attachments.addPhoto')}
          </Button>
        )}
      </Flex>
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid="appeal-photo-input"
        onChange={(e) => add(e.target.files)}
      />
      {problem && (
        <Typography.Text type="danger" role="alert">
          {problem}
        </Typography.Text>
      )}
    </Flex>
  );
}
