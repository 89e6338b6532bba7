import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

/** The emergency services DESIGN §3 sends people to, in the order the public knows them. */
export const EMERGENCY_SERVICES = [
  { number: '119', key: 'fire' },
  { number: '110', key: 'police' },
  { number: '120', key: 'medical' },
] as const;

/**
 * "火警 119 · 报警 110 · 急救 120", each a tap-to-call link: most citizens fill this form on a
 * phone, where a number that dials itself saves the seconds that matter.
 */
export function EmergencyNumbers() {
  const { t } = useTranslation();
  return (
    <Flex wrap gap="small" className="emergency-numbers">
      {EMERGENCY_SERVICES.map(({ number, key }) => (
        <a key={number} href={`tel:${number}`} className="emergency-numbers__link" data-testid={`emergency-call-${number}`}>
          {t(`appeal.emergencyService.${key}`)} <strong>{number}</strong>
        </a>
      ))}
    </Flex>
  );
}

/** The number the server named, as one large button that dials it. */
export function CallNowButton({ number }: { number: string }) {
  const { t } = useTranslation();
  return (
    <Button danger type="primary" size="large" block href={`tel:${number}`} data-testid="appeal-emergency-call">
      {t('appeal.callNow', { number })}
    </Button>
  );
}
