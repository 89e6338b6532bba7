import type { ReactNode } from 'react';

interface PanelProps {
  /** The page's <h1>; every page has exactly one. */
  title?: ReactNode;
  extra?: ReactNode;
  className?: string;
  children: ReactNode;
}

/**
 * A white content surface. Not antd's Card: Card bundles Tabs, Dropdown and Menu for its tab
 * feature, which would add ~20 KB gzip to every citizen page for nothing.
 */
export function Panel({ title, extra, className, children }: PanelProps) {
  return (
    <section className={className ? `panel ${className}` : 'panel'}>
      {(title || extra) && (
        <header className="panel__header">
          {title && <h1 className="panel__title">{title}</h1>}
          {extra}
        </header>
      )}
      {children}
    </section>
  );
}
