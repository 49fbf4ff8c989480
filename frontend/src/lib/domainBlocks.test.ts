// Blocked servers: every severity and every kind of import change the API names has words, a
// refusal shows beside the field it names, and the export downloads as Mastodon's file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminFederationText } from '../i18n/adminFederationText';
import { pageText } from '../i18n/pageText';
import {
  changeLabel,
  csvBlob,
  csvContentType,
  csvFileName,
  domainBlockErrorPlace,
  domainBlockInput,
  downloadCsv,
  severities,
  severityDescription,
  severityLabel,
} from './domainBlocks';

/** The values of `enum name` in the schema, without their descriptions. */
function enumValues(name: string): string[] {
  const schema = readFileSync(path.resolve(import.meta.dirname, '../../../schema.graphql'), 'utf8');
  const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1] ?? '';
  return body.replace(/"""[\s\S]*?"""/g, '').match(/\b[A-Z][A-Z_]+\b/g) ?? [];
}

const { createObjectURL, revokeObjectURL } = URL;

afterEach(() => {
  vi.restoreAllMocks();
  Object.assign(URL, { createObjectURL, revokeObjectURL });
});

describe('severities', () => {
  it('offers every severity the API names, and none it does not', () => {
    const values = enumValues('DomainBlockSeverity');
    expect(values).toContain('SUSPEND');
    expect([...severities].sort()).toEqual([...values].sort());
  });

  it('names and explains every severity, for moderators and for everyone', () => {
    const publicWords: Record<string, string> = pageText.moderatedServers;
    for (const severity of enumValues('DomainBlockSeverity')) {
      expect(severityLabel(severity)).not.toBe(severity);
      expect(severityDescription(severity)).not.toBe('');
      expect(publicWords[severity]).toBeTruthy();
    }
    const labels = severities.map(severityLabel);
    expect(new Set(labels).size).toBe(labels.length);
    expect(severityLabel('SUSPEND')).toBe(adminFederationText.severities.SUSPEND);
    expect(severityLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });
});

describe('import changes', () => {
  it('says what every change the API names will do, and did', () => {
    const kinds = enumValues('DomainBlockChangeKind');
    expect(kinds).toEqual(['ADD', 'UPDATE', 'UNCHANGED']);
    for (const kind of kinds) {
      expect(changeLabel(kind, false)).not.toBe(kind);
      expect(changeLabel(kind, true)).not.toBe(kind);
      expect(changeLabel(kind, true)).not.toBe(changeLabel(kind, false));
    }
    expect(changeLabel('ADD', false)).toBe(adminFederationText.changes.ADD);
    expect(changeLabel('UPDATE', true)).toBe(adminFederationText.changes.UPDATE_done);
    expect(changeLabel('MERGE', false)).toBe('MERGE');
  });
});

describe('the block form', () => {
  it('places a refusal beside the field the server names', () => {
    expect(domainBlockErrorPlace('domain')).toBe('domain');
    expect(domainBlockErrorPlace('input.domain')).toBe('domain');
    expect(domainBlockErrorPlace('publicComment')).toBe('publicComment');
    expect(domainBlockErrorPlace('csv')).toBe('form');
    expect(domainBlockErrorPlace(undefined)).toBe('form');
  });

  it('sends the domain in lower case without spaces or a final dot, and the comments trimmed', () => {
    expect(
      domainBlockInput({
        domain: ' Spam.Example. ',
        severity: 'SUSPEND',
        rejectMedia: true,
        rejectReports: false,
        obfuscate: false,
        privateComment: ' bots ',
        publicComment: 'Spam\n',
      }),
    ).toEqual({
      domain: 'spam.example',
      severity: 'SUSPEND',
      rejectMedia: true,
      rejectReports: false,
      obfuscate: false,
      privateComment: 'bots',
      publicComment: 'Spam',
    });
  });
});

describe('the CSV export', () => {
  const csv =
    '#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\nspam.example,suspend,false,false,Spam,false\n';

  it('is a CSV file named as Mastodon names it', async () => {
    expect(csvFileName).toBe('domain_blocks.csv');
    const blob = csvBlob(csv);
    expect(blob.type).toBe(csvContentType);
    expect(blob.type.startsWith('text/csv')).toBe(true);
    expect(await blob.text()).toBe(csv);
  });

  it('downloads through a link to the file, which is let go of afterwards', async () => {
    const made: Blob[] = [];
    const create = vi.fn((blob: Blob) => {
      made.push(blob);
      return 'blob:test/1';
    });
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    downloadCsv(csv);
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.getAttribute('download')).toBe('domain_blocks.csv');
    expect(clicked[0]?.getAttribute('href')).toBe('blob:test/1');
    expect(clicked[0]?.isConnected).toBe(false);
    expect(await made[0]?.text()).toBe(csv);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(revoke).toHaveBeenCalledWith('blob:test/1');
  });
});
