// What this server is: its name and description, its rules, and the other servers it
// moderates, for anyone, signed in or not.
import { useId } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { PublicDomainBlocks } from '../../components/PublicDomainBlocks';
import { t } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import type { AboutPageQuery } from './__generated__/AboutPageQuery.graphql';

const query = graphql`
  query AboutPageQuery {
    instance {
      name
      description
      domain
      rules {
        id
        text
        hint
      }
      ...PublicDomainBlocks_instance
    }
  }
`;

export default function AboutPage() {
  const { instance } = useLazyLoadQuery<AboutPageQuery>(query, {});
  const rulesHeading = useId();
  return (
    <div className="panel about">
      <PageHeading title={t(pageText.about.title, { name: instance.name })} />
      {instance.description !== '' && <p className="instance-description">{instance.description}</p>}
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
