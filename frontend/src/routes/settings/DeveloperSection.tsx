// The developer part of the settings: what GraphiQL is, and a link to it at /graphiql.
import { en } from '../../i18n/en';

/** GraphiQL is a page of the server's own: a plain link, so the browser loads it in full. */
export function DeveloperSection() {
  return (
    <section className="settings__section" aria-labelledby="developer">
      <h2 id="developer" className="section-heading">
        {en.developer.title}
      </h2>
      <p className="hint">{en.developer.intro}</p>
      <p>
        <a href="/graphiql" className="button">
          {en.developer.openGraphiql}
        </a>
      </p>
    </section>
  );
}
