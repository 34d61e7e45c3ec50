import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A page's final word after a form (sent, saved, done), with the focus moved to its title so
 * that screen readers start reading there.
 */
export function Outcome({ title, children }: { title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="outcome-title" className="narrow">
      <h1 id="outcome-title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
