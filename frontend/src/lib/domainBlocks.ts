// The servers this one blocks: severities and import changes in words, where a refusal shows
// in the block form, what the form sends, and the CSV export as a file to download.
import { adminFederationText, type DomainBlockChangeName, type DomainBlockSeverityName } from '../i18n/adminFederationText';

const text = adminFederationText;

/** Every severity, from the least cut off to the most, as the form offers them. */
export const severities: readonly DomainBlockSeverityName[] = ['NOOP', 'LIMIT', 'SUSPEND'];

function isSeverity(value: string): value is DomainBlockSeverityName {
  return (severities as readonly string[]).includes(value);
}

/** A severity in words; one this client does not know yet is shown as the server spells it. */
export function severityLabel(severity: string): string {
  return isSeverity(severity) ? text.severities[severity] : severity;
}

/** What a severity cuts off, in a sentence; empty for one this client does not know. */
export function severityDescription(severity: string): string {
  return isSeverity(severity) ? text.severities[`${severity}_description`] : '';
}

const changeKinds: readonly DomainBlockChangeName[] = ['ADD', 'UPDATE', 'UNCHANGED'];

/** What an import does to a domain in words: what it will do in a preview, what it did once applied. */
export function changeLabel(change: string, applied: boolean): string {
  if (!(changeKinds as readonly string[]).includes(change)) return change;
  const kind = change as DomainBlockChangeName;
  return applied ? text.changes[`${kind}_done`] : text.changes[kind];
}

/** The fields of the block form, as SetDomainBlockInput takes them. */
export interface DomainBlockFields {
  domain: string;
  severity: DomainBlockSeverityName;
  rejectMedia: boolean;
  rejectReports: boolean;
  obfuscate: boolean;
  privateComment: string;
  publicComment: string;
}

/** What is sent for the form: the domain trimmed, in lower case, without a trailing dot; the comments trimmed. */
export function domainBlockInput(fields: DomainBlockFields): DomainBlockFields {
  return {
    ...fields,
    domain: fields.domain.trim().toLowerCase().replace(/\.$/, ''),
    privateComment: fields.privateComment.trim(),
    publicComment: fields.publicComment.trim(),
  };
}

/** The inputs the server may name in `extensions.field`; anything else is the form's. */
export type DomainBlockErrorPlace = 'domain' | 'severity' | 'privateComment' | 'publicComment' | 'form';

/** Where a refusal shows: beside the input the server named (`input.domain` and `domain` alike), else above the buttons. */
export function domainBlockErrorPlace(field: string | undefined): DomainBlockErrorPlace {
  const last = field?.split('.').pop();
  return last === 'domain' || last === 'severity' || last === 'privateComment' || last === 'publicComment' ? last : 'form';
}

/** The name and type the CSV export is downloaded as, as Mastodon names it. */
export const csvFileName = 'domain_blocks.csv';
export const csvContentType = 'text/csv;charset=utf-8';

/** The export as a file's contents. */
export function csvBlob(csv: string): Blob {
  return new Blob([csv], { type: csvContentType });
}

/** Downloads `csv` as domain_blocks.csv through a link the person never sees. */
export function downloadCsv(csv: string, owner: Document = document): void {
  const url = URL.createObjectURL(csvBlob(csv));
  const link = owner.createElement('a');
  link.href = url;
  link.download = csvFileName;
  link.hidden = true;
  owner.body.append(link);
  link.click();
  link.remove();
  // After the click has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
