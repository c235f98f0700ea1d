import { type ReactNode, useEffect, useRef } from 'react';

/** The page's heading: focused when the page opens (so screen readers announce it) and the document title. */
export function PageTitle({ children }: { children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const text = heading.current?.textContent ?? '';
    document.title = text ? `${text} · Rapport` : 'Rapport';
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
