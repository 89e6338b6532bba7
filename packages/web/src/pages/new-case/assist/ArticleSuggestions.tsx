import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchArticles, type Article } from '../../../api/kb';
import { Highlighted } from './Highlighted';

/**
 * Up to three knowledge articles for `query`; "直接答复" shows the whole answer to read out, and
 * once it has been read, `onAnswered` records the call as answered from that article.
 */
export function ArticleSuggestions({ query, onAnswered }: { query: string; onAnswered: (article: Article) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const articles = useQuery({
    queryKey: ['kb', 'suggest', query],
    queryFn: ({ signal }) => searchArticles({ q: query, limit: 3 }, signal),
    enabled: query !== '',
    placeholderData: query ? keepPreviousData : undefined,
  });
  if (!query) return null;
  const items = articles.data?.items ?? [];

  return (
    <section className="assist__section" data-testid="suggest-articles" aria-busy={articles.isFetching}>
      <Typography.Text strong className="assist__heading">
        {t('assist.articles')}
      </Typography.Text>
      <Typography.Text type="secondary">{t('assist.articlesQuery', { query })}</Typography.Text>
      {!articles.isFetching && items.length === 0 && (
        <div>
          <Typography.Text type="secondary">{t('assist.noArticles')}</Typography.Text>
        </div>
      )}
      <ul className="assist__list">
        {items.map((article) => (
          <li key={article.id} data-testid="suggest-article">
            <Typography.Text strong>
              <Highlighted text={article.question} ranges={article.highlights?.question} />
            </Typography.Text>
            {open === article.id ? (
              <Alert
                type="success"
                className="assist__answer"
                data-testid="suggest-answer"
                title={t('assist.readOutHint')}
                description={<Highlighted text={article.answer} ranges={article.highlights?.answer} />}
                action={
                  <Space orientation="vertical" size="small">
                    <Tooltip title={t('assist.answerAndCloseHint')}>
                      <Button size="small" type="primary" data-testid="suggest-answer-close" onClick={() => onAnswered(article)}>
                        {t('assist.answerAndClose')}
                      </Button>
                    </Tooltip>
                    <Button size="small" onClick={() => setOpen(null)}>
                      {t('assist.hideAnswer')}
                    </Button>
                  </Space>
                }
              />
            ) : (
              <>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} className="assist__excerpt">
                  <Highlighted text={article.answer} ranges={article.highlights?.answer} />
                </Typography.Paragraph>
                <Button size="small" data-testid="suggest-read-out" onClick={() => setOpen(article.id)}>
                  {t('assist.readOut')}
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
