import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { urgencyLabel } from '../i18n/labels';

// Normal is the unmarked default; only what needs attention gets a colour.
const URGENCY_COLOR: Record<string, string | undefined> = { urgent: 'orange', emergency: 'red' };

export function UrgencyTag({ urgency }: { urgency: string }) {
  const { t } = useTranslation();
  const color = URGENCY_COLOR[urgency];
  return color ? <Tag color={color}>{urgencyLabel(t, urgency)}</Tag> : <>{urgencyLabel(t, urgency)}</>;
}
