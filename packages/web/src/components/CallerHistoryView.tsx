import { Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CallerHistory, CallerHistoryCase } from '../api/callers';
import { vulnerabilityLabel } from '../i18n/labels';
import { callerCounts } from '../lib/callerCounts';
import { formatCityTime } from '../lib/time';
import { StatusTag } from './StatusTag';

/**
 * A caller's history, masked as the server sent it: flags first (frequent caller, vulnerable
 * people), then open cases, then the latest finished ones. Used by the incoming-call pop-up and
 * the new-case form, so an operator sees the same thing in both places.
 */
export function CallerHistoryView({ history, compact = false, testId }: { history: CallerHistory; compact?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const counts = callerCounts(history);
  const empty = history.openCases.length === 0 && history.closedCases.length === 0 && history.recentContacts.length === 0;
  const caseItem = (c: CallerHistoryCase) => (
    <List.Item key={c.caseId}>
      <Flex vertical gap={2} style={{ width: '100%' }}>
        <Flex gap="small" align="center" wrap>
          <Link to={`/cases/${c.caseId}`} className="mono" data-testid="caller-history-case">
            {c.caseNumber}
          </Link>
          <StatusTag status={c.status} />
          <Typography.Text type="secondary">{formatCityTime(c.createdAt)}</Typography.Text>
        </Flex>
        <Typography.Text ellipsis>{c.summary}</Typography.Text>
      </Flex>
    </List.Item>
  );
  return (
    <Flex vertical gap="small" data-testid={testId}>
      <Flex gap={6} wrap align="center">
        {history.callerName && <Typography.Text strong>{history.callerName}</Typography.Text>}
        {history.frequentCaller && (
          <Tag color="orange" data-testid="caller-history-frequent">
            {t('callerHistory.frequent')}
          </Tag>
        )}
        {history.flags.map((flag) => (
          <Tag key={flag.kind} color={flag.kind === 'abuse' ? 'red' : 'volcano'} data-testid={`caller-history-flag-${flag.kind}`}>
            {t(`callerFlags.kinds.${flag.kind}`)}
            {flag.reason ? ` · ${t(`callerFlags.reasons.${flag.reason}`)}` : ''}
          </Tag>
        ))}
        {history.vulnerabilities.map((flag) => (
          <Tag key={flag} color="magenta">
            {vulnerabilityLabel(t, flag)}
          </Tag>
        ))}
        <Typography.Text type="secondary">
          {t(counts.key, counts.values)}
        </Typography.Text>
      </Flex>
      {empty ? (
        <Typography.Text type="secondary" data-testid="caller-history-empty">
          {t('callerHistory.none')}
        </Typography.Text>
      ) : (
        <>
          <Typography.Text strong>{t('callerHistory.open', { count: history.openCases.length })}</Typography.Text>
          {history.openCases.length > 0 && <List size="small" dataSource={compact ? history.openCases.slice(0, 3) : history.openCases} renderItem={caseItem} />}
          {!compact && history.closedCases.length > 0 && (
            <>
              <Typography.Text strong>{t('callerHistory.closed')}</Typography.Text>
              <List size="small" dataSource={history.closedCases} renderItem={caseItem} />
            </>
          )}
        </>
      )}
    </Flex>
  );
}
