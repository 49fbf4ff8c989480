// Tells a reader who is not signed in that a page needs it, with a link to sign in.
import { en } from '../i18n/en';
import { Link } from '../router';

export function SignInFirst({ message }: { message: string }) {
  return (
    <div className="panel narrow">
      <p>{message}</p>
      <p className="form-footer">
        <Link to="/sign-in">{en.nav.signIn}</Link>
      </p>
    </div>
  );
}
