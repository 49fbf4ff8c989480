// `/lists`: the viewer's lists, each a link to its timeline, and a link to manage them.
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { settingsText } from '../../i18n/settingsText';
import { Link, listPath } from '../../router';
import type { ListsPageQuery } from './__generated__/ListsPageQuery.graphql';

const pageQuery = graphql`
  query ListsPageQuery {
    lists {
      id
      title
    }
  }
`;

export function SignInForLists() {
  return (
    <div className="panel narrow">
      <p>{settingsText.lists.signInFirst}</p>
      <p className="form-footer">
        <Link to="/sign-in">{settingsText.lists.signInLink}</Link>
      </p>
    </div>
  );
}

function Lists() {
  const data = useLazyLoadQuery<ListsPageQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  return (
    <div className="panel">
      <PageHeading title={settingsText.lists.title} />
      {data.lists.length === 0 ? (
        <p>{settingsText.lists.empty}</p>
      ) : (
        <ul className="setting-items" aria-label={settingsText.lists.mine}>
          {data.lists.map((list) => (
            <li key={list.id} className="setting-item">
              <Link to={listPath(list.id)} className="setting-item__title">
                {list.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p className="form-footer">
        <Link to="/settings/lists">{settingsText.lists.manage}</Link>
      </p>
    </div>
  );
}

export default function ListsPage({ signedIn }: { signedIn: boolean }) {
  return signedIn ? <Lists /> : <SignInForLists />;
}
