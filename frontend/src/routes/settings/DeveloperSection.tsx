// The developer part of the settings: what GraphiQL is, and a link to it at /graphiql.
import { settingsText } from '../../i18n/settingsText';

/** GraphiQL is a page of the server's own: a plain link, so the browser loads it in full. */
export function DeveloperSection() {
  return (
    <section className="settings__section" aria-labelledby="developer">
      <h2 id="developer" className="section-heading">
        {settingsText.developer.title}
      </h2>
      <p className="hint">{settingsText.developer.intro}</p>
      <p>
        <a href="/graphiql" className="button">
          {settingsText.developer.openGraphiql}
        </a>
      </p>
    </section>
  );
}
