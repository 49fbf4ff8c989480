// A post's or bio's HTML, as the server sanitised it; its links open safely.
import { useMemo } from 'react';
import { prepareContent } from '../lib/html';

export function Content({ html, className }: { html: string; className?: string }) {
  const prepared = useMemo(() => ({ __html: prepareContent(html) }), [html]);
  return <div className={className ?? 'content'} dangerouslySetInnerHTML={prepared} />;
}
