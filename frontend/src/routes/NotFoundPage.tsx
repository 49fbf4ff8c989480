// Any path the client does not know.
import { PageHeading } from '../components/PageHeading';
import { en } from '../i18n/en';
import { Link } from '../router';

export default function NotFoundPage() {
  return (
    <div className="panel">
      <PageHeading title={en.app.notFoundTitle} />
      <p>{en.app.notFoundBody}</p>
      <Link to="/">{en.app.goHome}</Link>
    </div>
  );
}
