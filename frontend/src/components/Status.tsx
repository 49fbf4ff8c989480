// A post in a list: a boost shows who boosted it above the post boosted; a post one of the
// viewer's filters warns of stays folded behind "Filtered: <title>" until shown.
import { useState } from 'react';
import { graphql, useFragment } from 'react-relay/hooks';
import { en, t } from '../i18n/en';
import { Link, profilePath } from '../router';
import { BoostIcon } from './Icons';
import { StatusBody } from './StatusBody';
import type { Status_status$key } from './__generated__/Status_status.graphql';
import { shownName } from '../lib/shownName';

const statusFragment = graphql`
  fragment Status_status on Status
  @argumentDefinitions(filterContext: { type: "FilterContext!", defaultValue: HOME }) {
    id
    author {
      acct
      username
      displayName
    }
    filtered(context: $filterContext) {
      filter {
        id
        title
        action
      }
    }
    reblog {
      id
      filtered(context: $filterContext) {
        filter {
          id
          title
          action
        }
      }
      ...StatusBody_status
    }
    ...StatusBody_status
  }
`;

/** The titles of the filters that warn of a post, without repeats. */
export function warningTitles(results: readonly { readonly filter: { readonly title: string; readonly action: string } }[]): string[] {
  const titles = results.filter((result) => result.filter.action === 'WARN').map((result) => result.filter.title);
  return [...new Set(titles)];
}

interface Props {
  status: Status_status$key;
  signedIn: boolean;
  /** The post a thread is opened on: shown larger. */
  focused?: boolean;
  className?: string;
}

export function Status({ status: key, signedIn, focused = false, className }: Props) {
  const status = useFragment(statusFragment, key);
  const [shown, setShown] = useState(false);
  const booster = shownName(status.author);
  const classes = ['status', focused ? 'status--focused' : '', className ?? ''].filter((name) => name !== '').join(' ');
  const boosted = status.reblog ?? null;
  const warnings = warningTitles([...status.filtered, ...(boosted?.filtered ?? [])]);
  const warning = warnings.length > 0 ? t(en.filtered.warning, { title: warnings.join(', ') }) : null;
  return (
    <article className={classes} tabIndex={-1} data-post aria-current={focused ? 'true' : undefined}>
      {warning !== null && (
        <p className="status__filtered">
          <span>{warning}</span>
          <button type="button" className="button button--small" aria-expanded={shown} onClick={() => setShown(!shown)}>
            {shown ? en.filtered.hide : en.filtered.show}
          </button>
        </p>
      )}
      {(warning === null || shown) &&
        (boosted !== null ? (
          <>
            <p className="status__boosted-by">
              <BoostIcon />
              <Link to={profilePath(status.author.acct)}>{t(en.status.boostedBy, { name: booster })}</Link>
            </p>
            <StatusBody status={boosted} signedIn={signedIn} />
          </>
        ) : (
          <StatusBody status={status} signedIn={signedIn} />
        ))}
    </article>
  );
}
