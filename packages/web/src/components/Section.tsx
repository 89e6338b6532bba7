import { useId, type ReactNode } from 'react';

interface SectionProps {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled part of a page (h2 under the page's h1), named for screen readers by its heading. */
export function Section({ title, extra, children, className }: SectionProps) {
  const id = useId();
  return (
    <section className={className ? `section ${className}` : 'section'} aria-labelledby={id}>
      <header className="section__header">
        <h2 id={id} className="section__title">
          {title}
        </h2>
        {extra}
      </header>
      {children}
    </section>
  );
}
