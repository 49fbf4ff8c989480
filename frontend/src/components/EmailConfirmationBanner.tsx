// Above every page while the viewer's email address is not confirmed: where the link went,
// what waits for it (posting, boosting and following; notes to oneself do not), and a button
// to send the link again. Gone once the address is confirmed, here or by the link's page.
// Loaded apart from the first page, and silent when it fails: the page goes on without it.
import { Suspense, useId } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { t } from '../i18n/en';
import { settingsText } from '../i18n/settingsText';
import { Quietly } from './Quietly';
import { ResendConfirmation } from './ResendConfirmation';
import type { EmailConfirmationBannerQuery } from './__generated__/EmailConfirmationBannerQuery.graphql';

const text = settingsText.emailConfirmation;

export const emailConfirmationBannerQuery = graphql`
  query EmailConfirmationBannerQuery {
    emailAddress {
      email
      confirmed
      pending
    }
  }
`;

function Banner() {
  const data = useLazyLoadQuery<EmailConfirmationBannerQuery>(emailConfirmationBannerQuery, {}, { fetchPolicy: 'store-and-network' });
  const id = useId();
  const { email, confirmed, pending } = data.emailAddress;
  if (confirmed) return null;
  return (
    <section className="announcement email-banner" aria-label={text.region}>
      <p id={id} className="announcement__text">
        {t(text.banner, { email: pending ?? email })}
      </p>
      <ResendConfirmation describedBy={id} />
    </section>
  );
}

/** The banner for a signed-in viewer whose address is not confirmed, above the page. */
export default function EmailConfirmationBanner() {
  return (
    <Quietly>
      <Suspense fallback={null}>
        <Banner />
      </Suspense>
    </Quietly>
  );
}
