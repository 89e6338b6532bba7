import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listCases, type CaseSummary } from '../../api/cases';
import { isAbortError } from '../../api/client';
import { describeError } from '../../lib/errors';

interface ParentCaseSelectProps {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** The case being merged: it cannot be its own parent. */
  excludeId: string;
  'data-testid'?: string;
}

const SEARCH_DELAY_MS = 300;

/** Finds the case to merge into by number or words, asking the server as the operator types. */
export function ParentCaseSelect({ excludeId, ...props }: ParentCaseSelectProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<CaseSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const text = query.trim();
    if (!text) return;
    const controller = new AbortController();
    // Wait for a pause in typing so every keystroke does not become a query.
    const timer = window.setTimeout(() => {
      setLoading(true);
      listCases({ page: 1, pageSize: 10, q: text }, controller.signal)
        .then((page) => {
          setOptions(page.items.filter((item) => item.id !== excludeId));
          setError(null);
        })
        .catch((caught: unknown) => {
          if (!isAbortError(caught)) setError(caught);
        })
        .finally(() => setLoading(false));
    }, SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query, excludeId]);

  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      loading={loading}
      placeholder={t('fieldHelp.parentCaseSearch')}
      notFoundContent={error ? describeError(t, error) : null}
      options={options.map((item) => ({
        value: item.id,
        label: `${item.caseNumber} ${item.contentPreview}`,
      }))}
      style={{ width: '100%' }}
    />
  );
}
