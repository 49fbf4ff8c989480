// The about page: the server's picture at the top when it has one, the longer description as
// plain paragraphs, and who to contact, by account and email, only when the server names them.
import { afterEach, describe, expect, it } from 'vitest';
import { pageText } from '../../i18n/pageText';
import { environmentWith, render, type Rendered } from '../../testing/render';
import AboutPage, { mailtoHref, paragraphsOf } from './AboutPage';
import aboutQuery from './__generated__/AboutPageQuery.graphql';

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

const instance = {
  name: 'Rookery',
  description: 'Birds.',
  longDescription: '',
  contactEmail: '',
  contactAccount: null,
  domain: 'rookery.example',
  thumbnail: null,
  rules: [],
  domainBlocks: [],
};

function renderAbout(changes: Record<string, unknown>) {
  const environment = environmentWith(aboutQuery, {}, { instance: { ...instance, ...changes } });
  rendered = render(environment, <AboutPage />);
  return rendered.container;
}

describe('about page', () => {
  it('splits plain text into paragraphs on blank lines', () => {
    expect(paragraphsOf('')).toEqual([]);
    expect(paragraphsOf('One.\nStill one.\n\n  Two.  \r\n\r\nThree.\n \n\n')).toEqual([
      'One.\nStill one.',
      'Two.',
      'Three.',
    ]);
  });

  it('makes a mailto link that cannot add headers', () => {
    expect(mailtoHref('admin@rookery.example')).toBe('mailto:admin@rookery.example');
    expect(mailtoHref('a?cc=b@rookery.example')).toBe('mailto:a%3Fcc%3Db@rookery.example');
  });

  it('shows the longer description as text, and the contact account and email as links', () => {
    const container = renderAbout({
      longDescription: 'We watch <b>birds</b>.\n\nAnd write about them.',
      contactEmail: 'admin@rookery.example',
      contactAccount: { id: 'a1', acct: 'owner' },
    });
    const paragraphs = [...container.querySelectorAll('.instance-long-description')].map((p) => p.textContent);
    expect(paragraphs).toEqual(['We watch <b>birds</b>.', 'And write about them.']);
    expect(container.querySelector('b')).toBeNull();
    const section = container.querySelector('.instance-contact');
    const heading = section?.querySelector('h2');
    expect(heading?.textContent).toBe(pageText.about.contact);
    expect(section?.getAttribute('aria-labelledby')).toBe(heading?.id);
    const links = [...(section?.querySelectorAll('a') ?? [])].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['@owner', '/@owner'],
      ['admin@rookery.example', 'mailto:admin@rookery.example'],
    ]);
  });

  it('shows only what the server names, and no contact section when it names nothing', () => {
    let container = renderAbout({ contactEmail: 'admin@rookery.example' });
    expect(container.querySelector('.instance-long-description')).toBeNull();
    expect([...container.querySelectorAll('.instance-contact dt')].map((dt) => dt.textContent)).toEqual([
      pageText.about.contactEmail,
    ]);
    rendered?.unmount();
    container = renderAbout({});
    expect(container.querySelector('.instance-contact')).toBeNull();
    expect(container.querySelector('h1')).not.toBeNull();
  });

  it('shows the server’s picture at the top, named by the server’s name, only when it has one', () => {
    let container = renderAbout({ thumbnail: { url: '/media/thumbnail/a.png', width: 640, height: 360 } });
    const image = container.querySelector('img');
    expect(image?.getAttribute('src')).toBe('/media/thumbnail/a.png');
    expect(image?.getAttribute('alt')).toBe('Rookery');
    expect(image?.getAttribute('width')).toBe('640');
    expect(image?.getAttribute('height')).toBe('360');
    expect(image?.getAttribute('loading')).toBe('lazy');
    expect(container.querySelector('.about')?.firstElementChild).toBe(image);
    rendered?.unmount();
    container = renderAbout({});
    expect(container.querySelector('img')).toBeNull();
  });
});
