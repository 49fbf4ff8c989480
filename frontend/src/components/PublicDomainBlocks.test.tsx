// The public list of moderated servers: each domain as the server gives it (partly hidden when
// the block says so), its severity in words and the public reason.
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { pageText } from '../i18n/pageText';
import { environmentWith, render, type Rendered } from '../testing/render';
import { PublicDomainBlocks, publicSeverityLabel } from './PublicDomainBlocks';
import type { PublicDomainBlocksTestQuery } from './__generated__/PublicDomainBlocksTestQuery.graphql';

const query = graphql`
  query PublicDomainBlocksTestQuery {
    instance {
      ...PublicDomainBlocks_instance
    }
  }
`;

const text = pageText.moderatedServers;

function List() {
  const data = useLazyLoadQuery<PublicDomainBlocksTestQuery>(query, {}, { fetchPolicy: 'store-only' });
  return <PublicDomainBlocks instance={data.instance} />;
}

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

function renderList(
  domainBlocks: {
    domain: string;
    digest: string;
    severity: string;
    comment: string;
  }[],
) {
  const environment = environmentWith(query, {}, { instance: { domainBlocks } });
  rendered = render(environment, <List />);
  return rendered.container;
}

describe('PublicDomainBlocks', () => {
  it('shows each moderated server with its severity in words and its reason', () => {
    const container = renderList([
      {
        domain: 'spam.example',
        digest: 'a1',
        severity: 'SUSPEND',
        comment: 'Spam',
      },
      { domain: 'ru*e.example', digest: 'b2', severity: 'LIMIT', comment: '' },
      {
        domain: 'big.example',
        digest: 'c3',
        severity: 'NOOP',
        comment: 'Heavy media',
      },
    ]);
    const section = container.querySelector('section');
    const heading = container.querySelector('h2');
    expect(heading?.textContent).toBe(text.title);
    expect(section?.getAttribute('aria-labelledby')).toBe(heading?.id);
    const rows = [...container.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('th, td')].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['spam.example', text.SUSPEND, 'Spam'],
      ['ru*e.example', text.LIMIT, text.noComment],
      ['big.example', text.NOOP, 'Heavy media'],
    ]);
    expect(container.querySelector('tbody th span')?.getAttribute('title')).toBe('SHA-256: a1');
    expect([...container.querySelectorAll('thead th')].every((cell) => cell.getAttribute('scope') === 'col')).toBe(true);
  });

  it('says so when no server is moderated', () => {
    const container = renderList([]);
    expect(container.querySelector('table')).toBeNull();
    expect(container.textContent).toContain(text.empty);
  });

  it('names a severity it does not know yet as moderated', () => {
    expect(publicSeverityLabel('SILENCE_HARDER')).toBe(text.unknown);
  });
});
