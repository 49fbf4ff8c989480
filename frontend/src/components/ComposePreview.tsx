// The composer's preview: the HTML the server makes of the text (Markdown, links, hashtags
// and mentions), shown as the post will show it, following the text as it is written.
import { useDeferredValue, useEffect, useState } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Content } from './Content';
import type { ComposePreviewQuery } from './__generated__/ComposePreviewQuery.graphql';

const previewQuery = graphql`
  query ComposePreviewQuery($text: String!) {
    statusPreview(text: $text)
  }
`;

/** How long the text rests before it is previewed again, in ms. */
const PAUSE_MS = 300;

export default function ComposePreview({ text }: { text: string }) {
  const [rested, setRested] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setRested(text), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  // The last preview stays in view while the next one loads.
  const shown = useDeferredValue(rested);
  const data = useLazyLoadQuery<ComposePreviewQuery>(previewQuery, { text: shown }, { fetchPolicy: 'store-or-network' });
  return <Content html={data.statusPreview} />;
}
