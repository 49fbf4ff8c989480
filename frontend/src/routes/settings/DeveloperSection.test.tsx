// The developer part of the settings links to GraphiQL as a page of its own, which the
// server serves, not as a page of this client.
import { act } from 'react';
import { Environment, Network, RecordSource, Store } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsText } from '../../i18n/settingsText';
import { render, type Rendered } from '../../testing/render';
import { DeveloperSection } from './DeveloperSection';

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

function renderSection(): HTMLElement {
  const environment = new Environment({ network: Network.create(() => Promise.reject(new Error('none'))), store: new Store(new RecordSource()) });
  rendered = render(environment, <DeveloperSection />);
  return rendered.container;
}

describe('DeveloperSection', () => {
  it('is headed "Developer" and links to /graphiql', () => {
    const container = renderSection();
    const section = container.querySelector('section');
    const heading = section?.querySelector('h2');
    expect(heading?.textContent).toBe(settingsText.developer.title);
    expect(section?.getAttribute('aria-labelledby')).toBe(heading?.id);
    const link = [...container.querySelectorAll('a')].find((anchor) => anchor.textContent === settingsText.developer.openGraphiql);
    expect(link?.getAttribute('href')).toBe('/graphiql');
  });

  it('leaves a click on the link to the browser, so the page loads from the server', () => {
    const container = renderSection();
    const link = container.querySelector('a');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    act(() => {
      link?.dispatchEvent(click);
    });
    expect(click.defaultPrevented).toBe(false);
  });
});
