// A page's heading: names the page in the title bar and takes focus when the route changes.
import { useEffect, useRef, type ReactNode } from 'react';
import { en } from '../i18n/en';
import { setPageTitle } from '../lib/documentTitle';

let firstPage = true;

export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    setPageTitle(`${title} · ${en.app.name}`);
  }, [title]);
  useEffect(() => {
    // The first page keeps the browser's own focus; later ones are announced by moving to them.
    if (firstPage) {
      firstPage = false;
      return;
    }
    heading.current?.focus();
  }, []);
  return (
    <h1 className="page-heading" tabIndex={-1} ref={heading}>
      {children ?? title}
    </h1>
  );
}
