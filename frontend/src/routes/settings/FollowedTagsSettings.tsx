// The hashtags the viewer follows, each with a button to unfollow it.
import { useState } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { FormError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { messageOf } from '../../relay/errors';
import type { FollowedTagsSettingsQuery } from './__generated__/FollowedTagsSettingsQuery.graphql';
import type { FollowedTagsSettingsUnfollowMutation } from './__generated__/FollowedTagsSettingsUnfollowMutation.graphql';

const pageQuery = graphql`
  query FollowedTagsSettingsQuery {
    followedTags {
      name
      url
    }
  }
`;

const unfollowMutation = graphql`
  mutation FollowedTagsSettingsUnfollowMutation($tag: String!) {
    unfollowTag(input: { tag: $tag }) {
      tag {
        name
        following
      }
    }
  }
`;

export default function FollowedTagsSettings() {
  const data = useLazyLoadQuery<FollowedTagsSettingsQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  const [commit, busy] = useMutation<FollowedTagsSettingsUnfollowMutation>(unfollowMutation);
  const [error, setError] = useState<string | null>(null);
  const unfollow = (name: string) => {
    setError(null);
    commit({
      variables: { tag: name },
      updater: (store) => {
        const root = store.getRoot();
        const tags = root.getLinkedRecords('followedTags') ?? [];
        root.setLinkedRecords(
          tags.filter((tag) => tag?.getValue('name') !== name),
          'followedTags',
        );
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  return (
    <div className="panel">
      <PageHeading title={settingsText.followedTags.title} />
      <p className="page-description">{settingsText.followedTags.intro}</p>
      <FormError message={error} />
      {data.followedTags.length === 0 ? (
        <p>{settingsText.followedTags.empty}</p>
      ) : (
        <ul className="setting-items" aria-label={settingsText.followedTags.mine}>
          {data.followedTags.map((tag) => (
            <li key={tag.name} className="setting-item setting-item__head">
              <span className="setting-item__title">#{tag.name}</span>
              <button type="button" className="button button--small" disabled={busy} onClick={() => unfollow(tag.name)}>
                {t(settingsText.followedTags.unfollow, { name: tag.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
