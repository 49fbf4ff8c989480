// Announcements: the form checks what the server would refuse and shows it beside its field,
// places the server's refusals the same way, sends times as instants; the page lists every
// announcement and puts a new one first.
import { act } from 'react';
import {
  Environment,
  Network,
  RecordSource,
  Store,
  createOperationDescriptor,
  getRequest,
  type RequestParameters,
} from 'relay-runtime';
import { announcementsQuery } from '../../../components/Announcements';
import { afterEach, describe, expect, it } from 'vitest';
import { Announcer } from '../../../components/Announcer';
import { adminText } from '../../../i18n/adminText';
import { t } from '../../../i18n/en';
import { RookeryError } from '../../../relay/errors';
import { dataIdOf } from '../../../relay/environment';
import { render, typeInto, type Rendered } from '../../../testing/render';
import AnnouncementsPage, {
  AnnouncementForm,
  announcementErrorPlace,
  announcementFailure,
  announcementInput,
  excerpt,
  type AnnouncementFields,
  type Failure,
} from './AnnouncementsPage';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

const text = adminText.announcements;

describe('announcement rules', () => {
  it('places a refusal beside the field the server names', () => {
    expect(announcementErrorPlace('text')).toBe('text');
    expect(announcementErrorPlace('announcement.text')).toBe('text');
    expect(announcementErrorPlace('input.announcement.endsAt')).toBe('endsAt');
    expect(announcementErrorPlace('ends_at')).toBe('endsAt');
    expect(announcementErrorPlace('announcement.starts_at')).toBe('startsAt');
    expect(announcementErrorPlace('id')).toBe('form');
    expect(announcementErrorPlace(undefined)).toBe('form');
    expect(announcementFailure(new RookeryError('FORBIDDEN'))).toEqual({ place: 'form', message: text.forbidden });
    expect(announcementFailure(new RookeryError('VALIDATION', 'announcement.endsAt', 'endsAt: must be after startsAt'))).toEqual({
      place: 'endsAt',
      message: 'endsAt: must be after startsAt',
    });
    expect(announcementFailure(new RookeryError('NOT_FOUND')).place).toBe('form');
  });

  it('refuses what the server would, beside the field it is about', () => {
    const draft = { text: 'Hello', startsAt: '', endsAt: '', published: true };
    expect(announcementInput({ ...draft, text: '   ' })).toEqual({ failure: { place: 'text', message: text.textRequired } });
    expect(announcementInput({ ...draft, text: 'x'.repeat(2001) })).toEqual({
      failure: { place: 'text', message: t(text.textTooLong, { count: 2001 }) },
    });
    expect(announcementInput({ ...draft, text: '🐦'.repeat(2000) })).toHaveProperty('fields');
    expect(announcementInput({ ...draft, startsAt: 'soon' })).toEqual({ failure: { place: 'startsAt', message: text.notADate } });
    expect(announcementInput({ ...draft, endsAt: '2026-02-30' })).toEqual({
      failure: { place: 'endsAt', message: text.notADate },
    });
    expect(announcementInput({ ...draft, startsAt: '2026-12-24T18:00', endsAt: '2026-12-24T18:00' })).toEqual({
      failure: { place: 'endsAt', message: text.endBeforeStart },
    });
  });

  it('sends the text trimmed, the times as instants and none as null', () => {
    expect(announcementInput({ text: '  Maintenance tonight \n', startsAt: '', endsAt: '', published: false })).toEqual({
      fields: { text: 'Maintenance tonight', startsAt: null, endsAt: null, published: false },
    });
    expect(
      announcementInput({ text: 'Party', startsAt: '2026-12-24T18:00', endsAt: '2026-12-25T02:30', published: true }),
    ).toEqual({
      fields: {
        text: 'Party',
        startsAt: new Date(2026, 11, 24, 18, 0).toISOString(),
        endsAt: new Date(2026, 11, 25, 2, 30).toISOString(),
        published: true,
      },
    });
  });

  it('names an announcement by the start of its first line', () => {
    expect(excerpt('Maintenance tonight\n\nDetails follow.')).toBe('Maintenance tonight');
    expect(excerpt('a'.repeat(60))).toBe(`${'a'.repeat(39)}…`);
  });
});

function emptyEnvironment() {
  return new Environment({
    network: Network.create(() => Promise.reject(new Error('no network'))),
    store: new Store(new RecordSource()),
  });
}

function field(container: HTMLElement, label: string): HTMLInputElement | HTMLTextAreaElement {
  const found = [...container.querySelectorAll('label')].find((element) => element.textContent === label);
  const control = found?.htmlFor ? document.getElementById(found.htmlFor) : found?.querySelector('input');
  if (control === null || control === undefined) throw new Error(`no field ${label}`);
  return control as HTMLInputElement | HTMLTextAreaElement;
}

function submit(container: HTMLElement) {
  act(() => container.querySelector<HTMLButtonElement>('button[type="submit"]')?.click());
}

describe('AnnouncementForm', () => {
  function renderForm(error: Failure | null, sent: AnnouncementFields[]) {
    rendered = render(
      emptyEnvironment(),
      <AnnouncementForm busy={false} error={error} onSubmit={(fields) => sent.push(fields)} />,
    );
    return rendered.container;
  }

  it('shows its own refusal beside the text, and sends nothing until it is put right', () => {
    const sent: AnnouncementFields[] = [];
    const container = renderForm(null, sent);
    const body = field(container, text.text);
    submit(container);
    expect(sent).toEqual([]);
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe(text.textRequired);
    expect(body.getAttribute('aria-invalid')).toBe('true');
    expect(body.getAttribute('aria-describedby')).toContain(alert?.id);
    expect(body.parentElement?.contains(alert as Node)).toBe(true);
    expect(document.activeElement).toBe(body);

    typeInto(body, 'Maintenance tonight');
    typeInto(field(container, text.startsAt), '2026-12-24T18:00');
    act(() => (field(container, text.publishNow) as HTMLInputElement).click());
    submit(container);
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(sent).toEqual([
      { text: 'Maintenance tonight', startsAt: new Date(2026, 11, 24, 18, 0).toISOString(), endsAt: null, published: false },
    ]);
  });

  it('shows the server’s refusal of the end beside the end', () => {
    const container = renderForm({ place: 'endsAt', message: 'endsAt: must be after startsAt' }, []);
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('endsAt: must be after startsAt');
    const ends = field(container, text.endsAt);
    expect(ends.getAttribute('aria-invalid')).toBe('true');
    expect(ends.getAttribute('aria-describedby')).toContain(alert?.id);
    expect(field(container, text.text).getAttribute('aria-invalid')).toBe('false');
  });

  it('starts from the announcement it edits, its times in the browser’s zone', () => {
    const startsAt = new Date(2026, 11, 24, 18, 30).toISOString();
    rendered = render(
      emptyEnvironment(),
      <AnnouncementForm
        announcement={{ text: 'Party', startsAt, endsAt: null, published: false }}
        busy={false}
        error={null}
        onSubmit={() => undefined}
        onCancel={() => undefined}
      />,
    );
    const container = rendered.container;
    expect(field(container, text.text).value).toBe('Party');
    expect(document.activeElement).toBe(field(container, text.text));
    expect(field(container, text.startsAt).value).toBe('2026-12-24T18:30');
    expect(field(container, text.endsAt).value).toBe('');
    expect((field(container, text.published) as HTMLInputElement).checked).toBe(false);
  });
});

describe('AnnouncementsPage', () => {
  const saved = {
    id: 'an1',
    text: 'Old news',
    html: '<p>Old news</p>',
    startsAt: null,
    endsAt: '2026-01-01T00:00:00Z',
    published: true,
    createdAt: '2025-12-01T10:00:00Z',
  };

  it('lists every announcement and puts a new one first', async () => {
    const sent: unknown[] = [];
    const fetch = (request: RequestParameters, variables: Record<string, unknown>) => {
      if (request.name === 'AnnouncementsPageQuery') return Promise.resolve({ data: { adminAnnouncements: [saved] } });
      sent.push(variables.input);
      if (request.name === 'AnnouncementsPageUpdateMutation') {
        return Promise.resolve({ data: { updateAnnouncement: { announcement: { ...saved, published: false } } } });
      }
      return Promise.resolve({
        data: {
          createAnnouncement: {
            announcement: {
              id: 'an2',
              text: 'Maintenance tonight',
              html: '<p>Maintenance tonight</p>',
              startsAt: null,
              endsAt: null,
              published: true,
              createdAt: '2026-12-07T12:00:00Z',
            },
          },
        },
      });
    };
    const environment = new Environment({
      network: Network.create(fetch),
      store: new Store(new RecordSource()),
      getDataID: dataIdOf,
    });
    // The banner above the page shows the same announcement.
    environment.commitPayload(createOperationDescriptor(getRequest(announcementsQuery), {}), {
      announcements: [{ id: 'an1', html: '<p>Old news</p>', startsAt: null, endsAt: null, read: false }],
    });
    await act(async () => {
      rendered = render(
        environment,
        <Announcer>
          <AnnouncementsPage />
        </Announcer>,
      );
    });
    const container = (rendered as Rendered).container;
    const items = () => [...container.querySelectorAll(`ul[aria-label="${text.list}"] > li`)];
    expect(items()).toHaveLength(1);
    expect(items()[0]?.textContent).toContain('Old news');
    expect(items()[0]?.textContent).toContain(text.ended);
    expect(items()[0]?.querySelector('button')?.getAttribute('aria-label')).toBe(t(text.editOf, { excerpt: 'Old news' }));

    typeInto(field(container, text.text), 'Maintenance tonight');
    await act(async () => submit(container));
    expect(sent).toEqual([{ announcement: { text: 'Maintenance tonight', startsAt: null, endsAt: null, published: true } }]);
    expect(items().map((item) => item.querySelector('.admin-announcement__text')?.textContent)).toEqual([
      'Maintenance tonight',
      'Old news',
    ]);
    // The form is empty again, and the outcome is announced.
    expect(field(container, text.text).value).toBe('');
    expect(container.querySelector('.announcer')?.textContent).toContain(text.madePublished);

    // Unpublished, it is a draft here and leaves the banner at once.
    const unpublish = container.querySelector<HTMLButtonElement>(
      `button[aria-label="${t(text.unpublishOf, { excerpt: 'Old news' })}"]`,
    );
    await act(async () => unpublish?.click());
    expect(sent[1]).toEqual({
      id: 'an1',
      announcement: { text: 'Old news', startsAt: null, endsAt: '2026-01-01T00:00:00Z', published: false },
    });
    expect(items()[1]?.textContent).toContain(text.draft);
    expect(environment.getStore().getSource().get('client:root')?.announcements).toEqual({ __refs: [] });
    expect(container.querySelector('.announcer')?.textContent).toContain(text.nowDraft);
  });
});
