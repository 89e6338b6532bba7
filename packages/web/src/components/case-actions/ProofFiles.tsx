import { Button, Checkbox, Flex, Form, Tag } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface ProofChoice {
  files: File[];
  makePublic: boolean;
}

/**
 * Proof of work with a reply (issue 12 §5): photos of the repair, an inspection report. Sent as
 * attachments just before the reply itself, so a refused file stops the reply rather than
 * leaving it without its proof.
 */
export function ProofFiles({ value, onChange }: { value: ProofChoice; onChange: (next: ProofChoice) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Form.Item label={`${t('attachments.replyAttach')}${t('common.optional')}`}>
      <Flex vertical gap="small">
        <Flex gap="small" wrap>
          {value.files.map((file, index) => (
            <Tag key={`${file.name}-${index}`} closable onClose={() => onChange({ ...value, files: value.files.filter((_, i) => i !== index) })}>
              {file.name}
            </Tag>
          ))}
          <Button size="small" onClick={() => input.current?.click()} data-testid="reply-attach">
            + {t('attachments.upload')}
          </Button>
        </Flex>
        <input
          ref={input}
          type="file"
          hidden
          multiple
          accept="image/*,application/pdf"
          data-testid="reply-attach-input"
          onChange={(e) => {
            onChange({ ...value, files: [...value.files, ...(e.target.files ?? [])] });
            e.target.value = '';
          }}
        />
        {value.files.length > 0 && (
          <Checkbox checked={value.makePublic} onChange={(e) => onChange({ ...value, makePublic: e.target.checked })} data-testid="reply-attach-public">
            {t('attachments.replyAttachPublic')}
          </Checkbox>
        )}
      </Flex>
    </Form.Item>
  );
}
