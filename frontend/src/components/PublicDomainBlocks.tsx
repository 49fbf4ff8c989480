// The servers this one moderates, as everyone may read them: each domain (partly hidden when
// its block says so), how far it is cut off, and the public reason. For the sign-up and about pages.
import { useId } from 'react';
import { graphql, useFragment } from 'react-relay/hooks';
import { pageText } from '../i18n/pageText';
import type { PublicDomainBlocks_instance$key } from './__generated__/PublicDomainBlocks_instance.graphql';

const instanceFragment = graphql`
  fragment PublicDomainBlocks_instance on Instance {
    domainBlocks {
      domain
      digest
      severity
      comment
    }
  }
`;

const text = pageText.moderatedServers;

/** A severity as a visitor reads it; one this client does not know yet as moderated. */
export function publicSeverityLabel(severity: string): string {
  return severity === 'NOOP' || severity === 'LIMIT' || severity === 'SUSPEND' ? text[severity] : text.unknown;
}

export function PublicDomainBlocks({ instance: key }: { instance: PublicDomainBlocks_instance$key }) {
  const { domainBlocks } = useFragment(instanceFragment, key);
  const heading = useId();
  return (
    <section className="moderated-servers" aria-labelledby={heading}>
      <h2 className="section-heading" id={heading}>
        {text.title}
      </h2>
      {domainBlocks.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <>
          <p className="hint">{text.intro}</p>
          <table className="data-table moderated-servers__table">
            <thead>
              <tr>
                <th scope="col">{text.domain}</th>
                <th scope="col">{text.severity}</th>
                <th scope="col">{text.comment}</th>
              </tr>
            </thead>
            <tbody>
              {domainBlocks.map((block) => (
                <tr key={block.digest}>
                  <th scope="row">
                    <span className="domain-blocks__domain" title={`SHA-256: ${block.digest}`}>
                      {block.domain}
                    </span>
                  </th>
                  <td>{publicSeverityLabel(block.severity)}</td>
                  <td>{block.comment === '' ? text.noComment : block.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
