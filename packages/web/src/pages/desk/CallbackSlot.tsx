import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OwnLine } from '../../api/desk';
import { Section } from '../../components/Section';

/**
 * SLOT for the official's own calls and callbacks (issue 10 §5, helper "callback"): their panel
 * was not signalled before this page was built, so the place is kept and says so. Replace the
 * body with their component, given `lines`, when it lands.
 */
export function CallbackSlot({ lines }: { lines: OwnLine[] }) {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <Section title={t('desk.callbackSlot')}>
      <Alert type="info" showIcon title={t('desk.callbackSlotPending')} data-testid="desk-callback-slot" />
    </Section>
  );
}
