// What the server's moderators did about the viewer's account (strikes), the latest first:
// the action, its reason, when, the posts it concerns, and its appeal (or a way to make one).
// The sign-in page shows it too, to a person whose account is disabled or suspended.
import type { ReactNode } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { textOf } from '../../lib/html';
import { absoluteTime } from '../../lib/time';
import { Link, statusPath } from '../../router';
import { StrikeAppeal } from './StrikeAppeal';
import type { AccountAction, StrikesSettingsQuery } from './__generated__/StrikesSettingsQuery.graphql';

const pageQuery = graphql`
  query StrikesSettingsQuery {
    strikes {
      id
      action
      reason
      createdAt
      statuses {
        id
        createdAt
        content
        contentWarning
        author {
          acct
        }
      }
      ...StrikeAppeal_strike
    }
  }
`;

const text = settingsText.strikes;
const known = ['WARN', 'SENSITIVE', 'DISABLE', 'LIMIT', 'SUSPEND'] as const;

/** An action's name and what it means for the person, in their words. */
export function strikeAction(action: AccountAction): { name: string; description: string | null } {
  const found = known.find((item) => item === action);
  return found === undefined ? { name: text.other, description: null } : { name: text[found], description: text[`${found}_description`] };
}

/** `children` come first under the heading. */
export default function StrikesSettings({ children }: { children?: ReactNode }) {
  const data = useLazyLoadQuery<StrikesSettingsQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  return (
    <div className="panel">
      <PageHeading title={text.title} />
      {children}
      <p className="page-description">{text.intro}</p>
      {data.strikes.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <ul className="setting-items" aria-label={text.mine}>
          {data.strikes.map((strike) => {
            const action = strikeAction(strike.action);
            return (
              <li key={strike.id} className="setting-item strike">
                <div className="setting-item__head">
                  <span className="setting-item__title">{action.name}</span>
                  <time className="hint" dateTime={strike.createdAt}>
                    {t(text.when, { when: absoluteTime(strike.createdAt) })}
                  </time>
                </div>
                {action.description !== null && <p className="hint">{action.description}</p>}
                <p className="strike__reason">
                  <span className="visually-hidden">{text.reason}: </span>
                  {strike.reason.trim() === '' ? text.noReason : strike.reason}
                </p>
                {strike.statuses.length > 0 && (
                  <div>
                    <p className="strike__statuses">{t(text.statuses, { count: strike.statuses.length })}</p>
                    <ul className="setting-item__members" aria-label={t(text.statuses, { count: strike.statuses.length })}>
                      {strike.statuses.map((status) => {
                        const excerpt = textOf(status.content);
                        return (
                          <li key={status.id} className="strike__status">
                            <Link to={statusPath(status.author.acct, status.id)}>
                              {t(text.statusLabel, { when: absoluteTime(status.createdAt) })}
                            </Link>
                            {status.contentWarning !== '' ? (
                              <p className="hint">{t(text.statusWarning, { warning: status.contentWarning })}</p>
                            ) : (
                              excerpt !== '' && <p className="hint strike__excerpt">{excerpt}</p>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  </div>
                )}
                <StrikeAppeal strike={strike} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
