// What this server is: its picture, its name and descriptions, who to contact, its rules, and
// the other servers it moderates, for anyone, signed in or not.
import { useId } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { PublicDomainBlocks } from '../../components/PublicDomainBlocks';
import { t } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { Link, profilePath } from '../../router';
import type { AboutPageQuery } from './__generated__/AboutPageQuery.graphql';

const query = graphql`
  query AboutPageQuery {
    instance {
      name
      description
      longDescription
      contactEmail
      contactAccount {
        id
        acct
      }
      domain
      thumbnail {
        url
        width
        height
      }
      rules {
        id
        text
        hint
      }
      ...PublicDomainBlocks_instance
    }
  }
`;

/** Plain text as its paragraphs: split on blank lines, each trimmed, none empty. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}

/** A mailto link for an address, its parts escaped so nothing in it adds a header. */
export function mailtoHref(address: string): string {
  return `mailto:${address.split('@').map(encodeURIComponent).join('@')}`;
}

export default function AboutPage() {
  const { instance } = useLazyLoadQuery<AboutPageQuery>(query, {});
  const rulesHeading = useId();
  const contactHeading = useId();
  const contactAccount = instance.contactAccount ?? null;
  const thumbnail = instance.thumbnail ?? null;
  return (
    <div className="panel about">
      {thumbnail !== null && (
        <img
          className="instance-thumbnail"
          src={thumbnail.url}
          width={thumbnail.width}
          height={thumbnail.height}
          alt={instance.name}
          loading="lazy"
        />
      )}
      <PageHeading title={t(pageText.about.title, { name: instance.name })} />
      {instance.description !== '' && <p className="instance-description">{instance.description}</p>}
      {paragraphsOf(instance.longDescription).map((paragraph, index) => (
        <p key={index} className="instance-long-description">
          {paragraph}
        </p>
      ))}
      {(contactAccount !== null || instance.contactEmail !== '') && (
        <section className="instance-contact" aria-labelledby={contactHeading}>
          <h2 id={contactHeading} className="section-heading">
            {pageText.about.contact}
          </h2>
          <dl>
            {contactAccount !== null && (
              <div>
                <dt>{pageText.about.contactAccount}</dt>
                <dd>
                  <Link to={profilePath(contactAccount.acct)}>@{contactAccount.acct}</Link>
                </dd>
              </div>
            )}
            {instance.contactEmail !== '' && (
              <div>
                <dt>{pageText.about.contactEmail}</dt>
                <dd>
                  <a href={mailtoHref(instance.contactEmail)}>{instance.contactEmail}</a>
                </dd>
              </div>
            )}
          </dl>
        </section>
      )}
      <section className="instance-rules" aria-labelledby={rulesHeading}>
        <h2 id={rulesHeading} className="section-heading">
          {pageText.about.rules}
        </h2>
        {instance.rules.length === 0 ? (
          <p>{pageText.about.noRules}</p>
        ) : (
          <ol>
            {instance.rules.map((rule) => (
              <li key={rule.id}>
                <span className="instance-rules__text">{rule.text}</span>
                {rule.hint !== '' && <span className="hint">{rule.hint}</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <PublicDomainBlocks instance={instance} />
    </div>
  );
}
