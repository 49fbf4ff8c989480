// A post in a list: a boost shows who boosted it above the post boosted.
import { graphql, useFragment } from 'react-relay/hooks';
import { en, t } from '../i18n/en';
import { Link, profilePath } from '../router';
import { BoostIcon } from './Icons';
import { StatusBody } from './StatusBody';
import type { Status_status$key } from './__generated__/Status_status.graphql';

const statusFragment = graphql`
  fragment Status_status on Status {
    id
    author {
      acct
      username
      displayName
    }
    reblog {
      id
      ...StatusBody_status
    }
    ...StatusBody_status
  }
`;

interface Props {
  status: Status_status$key;
  signedIn: boolean;
  /** The post a thread is opened on: shown larger. */
  focused?: boolean;
  className?: string;
}

export function Status({ status: key, signedIn, focused = false, className }: Props) {
  const status = useFragment(statusFragment, key);
  const booster = status.author.displayName === '' ? status.author.username : status.author.displayName;
  const classes = ['status', focused ? 'status--focused' : '', className ?? ''].filter((name) => name !== '').join(' ');
  return (
    <article className={classes} tabIndex={-1} data-post aria-current={focused ? 'true' : undefined}>
      {status.reblog !== null && status.reblog !== undefined ? (
        <>
          <p className="status__boosted-by">
            <BoostIcon />
            <Link to={profilePath(status.author.acct)}>{t(en.status.boostedBy, { name: booster })}</Link>
          </p>
          <StatusBody status={status.reblog} signedIn={signedIn} />
        </>
      ) : (
        <StatusBody status={status} signedIn={signedIn} />
      )}
    </article>
  );
}
