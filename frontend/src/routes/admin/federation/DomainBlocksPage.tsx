// The servers this one blocks, by domain: how far each is cut off, what of it is refused, the
// comments, how many of its accounts are known here. A moderator blocks one, changes or removes
// a block, downloads them all as Mastodon's CSV, and imports such a CSV after a preview.
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { fetchQuery, graphql, useFragment, useLazyLoadQuery, useMutation, useRelayEnvironment } from 'react-relay/hooks';
import type { RecordProxy, RecordSourceSelectorProxy } from 'relay-runtime';
import { useAnnounce } from '../../../components/Announcer';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { adminFederationText, type DomainBlockSeverityName } from '../../../i18n/adminFederationText';
import { t } from '../../../i18n/en';
import {
  changeLabel,
  domainBlockErrorPlace,
  domainBlockInput,
  downloadCsv,
  severities,
  severityDescription,
  severityLabel,
  type DomainBlockErrorPlace,
  type DomainBlockFields,
} from '../../../lib/domainBlocks';
import { absoluteTime } from '../../../lib/time';
import { messageOf, rookeryErrorOf } from '../../../relay/errors';
import { fieldErrors } from '../fieldErrors';
import type { DomainBlocksPageQuery } from './__generated__/DomainBlocksPageQuery.graphql';
import type { DomainBlocksPage_block$data, DomainBlocksPage_block$key } from './__generated__/DomainBlocksPage_block.graphql';
import type { DomainBlocksPageCsvQuery } from './__generated__/DomainBlocksPageCsvQuery.graphql';
import type { DomainBlocksPageSetMutation } from './__generated__/DomainBlocksPageSetMutation.graphql';
import type { DomainBlocksPageRemoveMutation } from './__generated__/DomainBlocksPageRemoveMutation.graphql';
import type {
  DomainBlocksPageImportMutation,
  DomainBlocksPageImportMutation$data,
} from './__generated__/DomainBlocksPageImportMutation.graphql';

const pageQuery = graphql`
  query DomainBlocksPageQuery {
    domainBlocks {
      domain
      ...DomainBlocksPage_block
    }
  }
`;

/** A block as this page and a server's page show it. */
export const blockFragment = graphql`
  fragment DomainBlocksPage_block on DomainBlock {
    domain
    severity
    rejectMedia
    rejectReports
    obfuscate
    privateComment
    publicComment
    createdAt
    accountsCount
  }
`;

const csvQuery = graphql`
  query DomainBlocksPageCsvQuery {
    domainBlocksCsv
  }
`;

const setMutation = graphql`
  mutation DomainBlocksPageSetMutation($input: SetDomainBlockInput!) {
    setDomainBlock(input: $input) {
      domainBlock {
        domain
        ...DomainBlocksPage_block
      }
    }
  }
`;

const removeMutation = graphql`
  mutation DomainBlocksPageRemoveMutation($input: RemoveDomainBlockInput!) {
    removeDomainBlock(input: $input) {
      domain
      removed
    }
  }
`;

const importMutation = graphql`
  mutation DomainBlocksPageImportMutation($input: ImportDomainBlocksInput!) {
    importDomainBlocks(input: $input) {
      changes {
        domain
        change
        block {
          domain
          severity
          ...DomainBlocksPage_block
        }
      }
    }
  }
`;

const text = adminFederationText.domainBlocks;
const exchange = adminFederationText.exchange;

/** Puts `record` into the root's list of blocks in place of the one for its domain, or at the end. */
function putBlock(store: RecordSourceSelectorProxy, record: RecordProxy | null | undefined): void {
  if (record === null || record === undefined) return;
  const root = store.getRoot();
  const current = root.getLinkedRecords('domainBlocks');
  if (current === null || current === undefined) return;
  const domain = record.getValue('domain');
  const kept = current.filter((item) => item !== null && item !== undefined && item.getValue('domain') !== domain);
  root.setLinkedRecords([...kept, record], 'domainBlocks');
}

/** Takes the block for `domain` out of the root's list. */
function dropBlock(store: RecordSourceSelectorProxy, domain: string): void {
  const root = store.getRoot();
  const current = root.getLinkedRecords('domainBlocks');
  if (current === null || current === undefined) return;
  root.setLinkedRecords(
    current.filter((item) => item !== null && item !== undefined && item.getValue('domain') !== domain),
    'domainBlocks',
  );
}

type Failure = { place: DomainBlockErrorPlace; message: string };

/** A refusal, placed by the field the server named, in this page's words for FORBIDDEN. */
export function domainBlockFailure(error: unknown): Failure {
  const known = rookeryErrorOf(error);
  return {
    place: domainBlockErrorPlace(known.field),
    message: messageOf(known, { FORBIDDEN: text.forbidden }),
  };
}

export type BlockValues = Pick<
  DomainBlocksPage_block$data,
  'domain' | 'severity' | 'rejectMedia' | 'rejectReports' | 'obfuscate' | 'privateComment' | 'publicComment'
>;

function knownSeverity(severity: string | undefined): DomainBlockSeverityName {
  return severities.find((known) => known === severity) ?? 'SUSPEND';
}

/** The form for a new block (no `block`) or for changing one; exported for its tests. */
export function DomainBlockForm({
  block,
  domain: givenDomain,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  block?: BlockValues;
  /** The domain a new block starts with. */
  domain?: string;
  busy: boolean;
  error: Failure | null;
  onSubmit: (fields: DomainBlockFields) => void;
  onCancel: () => void;
}) {
  const [domain, setDomain] = useState(block?.domain ?? givenDomain ?? '');
  const [severity, setSeverity] = useState<DomainBlockSeverityName>(knownSeverity(block?.severity));
  const [rejectMedia, setRejectMedia] = useState(block?.rejectMedia ?? false);
  const [rejectReports, setRejectReports] = useState(block?.rejectReports ?? false);
  const [obfuscate, setObfuscate] = useState(block?.obfuscate ?? false);
  const [privateComment, setPrivateComment] = useState(block?.privateComment ?? '');
  const [publicComment, setPublicComment] = useState(block?.publicComment ?? '');
  const domainField = useRef<HTMLInputElement>(null);
  const severityField = useRef<HTMLSelectElement>(null);
  const baseId = useId();
  const id = (field: string) => `${baseId}-${field}`;
  const editing = block !== undefined;
  const named = editing || givenDomain !== undefined;
  // The form opens where its button was: its first field to change takes the focus.
  useEffect(() => (named ? severityField.current : domainField.current)?.focus(), [named]);
  const { errorFor, describedBy, fieldError } = fieldErrors(error, id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(
      domainBlockInput({
        domain,
        severity,
        rejectMedia,
        rejectReports,
        obfuscate,
        privateComment,
        publicComment,
      }),
    );
  };

  return (
    <form
      className="form domain-block-form"
      onSubmit={submit}
      noValidate
      aria-label={editing ? t(text.editTitle, { domain: block.domain }) : text.addTitle}
    >
      <div className="field">
        <label htmlFor={id('domain')}>{text.domainLabel}</label>
        <input
          id={id('domain')}
          ref={domainField}
          className="input"
          required
          readOnly={editing}
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          value={domain}
          aria-invalid={errorFor('domain') !== null}
          aria-describedby={describedBy('domain', 'domain-hint')}
          onChange={(event) => setDomain(event.target.value)}
        />
        <p id={id('domain-hint')} className="hint">
          {text.domainHint}
        </p>
        {fieldError('domain')}
      </div>
      <div className="field">
        <label htmlFor={id('severity')}>{text.severityLabel}</label>
        <select
          id={id('severity')}
          ref={severityField}
          className="input"
          value={severity}
          aria-invalid={errorFor('severity') !== null}
          aria-describedby={describedBy('severity', 'severity-hint')}
          onChange={(event) => setSeverity(knownSeverity(event.target.value))}
        >
          {severities.map((value) => (
            <option key={value} value={value}>
              {severityLabel(value)}
            </option>
          ))}
        </select>
        <p id={id('severity-hint')} className="hint">
          {severityDescription(severity)}
        </p>
        {fieldError('severity')}
      </div>
      <fieldset className="settings__group">
        <legend>{text.refusals}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={rejectMedia} onChange={(event) => setRejectMedia(event.target.checked)} />
          {text.rejectMediaLabel}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={rejectReports} onChange={(event) => setRejectReports(event.target.checked)} />
          {text.rejectReportsLabel}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={obfuscate} onChange={(event) => setObfuscate(event.target.checked)} />
          {text.obfuscateLabel}
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={id('privateComment')}>{text.privateComment}</label>
        <textarea
          id={id('privateComment')}
          className="input"
          rows={2}
          value={privateComment}
          aria-invalid={errorFor('privateComment') !== null}
          aria-describedby={describedBy('privateComment', 'privateComment-hint')}
          onChange={(event) => setPrivateComment(event.target.value)}
        />
        <p id={id('privateComment-hint')} className="hint">
          {text.privateCommentHint}
        </p>
        {fieldError('privateComment')}
      </div>
      <div className="field">
        <label htmlFor={id('publicComment')}>{text.publicComment}</label>
        <textarea
          id={id('publicComment')}
          className="input"
          rows={2}
          value={publicComment}
          aria-invalid={errorFor('publicComment') !== null}
          aria-describedby={describedBy('publicComment', 'publicComment-hint')}
          onChange={(event) => setPublicComment(event.target.value)}
        />
        <p id={id('publicComment-hint')} className="hint">
          {text.publicCommentHint}
        </p>
        {fieldError('publicComment')}
      </div>
      <FormError message={errorFor('form')} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? text.saving : text.save}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {text.cancel}
        </button>
      </div>
    </form>
  );
}

/**
 * The form in a section of its own, saving with setDomainBlock: a new block (for `domain` if
 * given) or `block` changed. `alsoUpdate` puts the saved block wherever else the store shows it.
 */
export function EditBlock({
  block,
  domain,
  onClose,
  alsoUpdate,
}: {
  block?: BlockValues;
  domain?: string;
  onClose: () => void;
  alsoUpdate?: (store: RecordSourceSelectorProxy, saved: RecordProxy) => void;
}) {
  const [save, saving] = useMutation<DomainBlocksPageSetMutation>(setMutation);
  const [failure, setFailure] = useState<Failure | null>(null);
  const announce = useAnnounce();
  const title = block === undefined ? text.addTitle : t(text.editTitle, { domain: block.domain });
  return (
    <section className="setting-item" aria-label={title}>
      <h2 className="section-heading">{title}</h2>
      <DomainBlockForm
        block={block}
        domain={domain}
        busy={saving}
        error={failure}
        onCancel={onClose}
        onSubmit={(fields) => {
          setFailure(null);
          save({
            variables: { input: fields },
            updater: (store) => {
              const saved = store.getRootField('setDomainBlock')?.getLinkedRecord('domainBlock');
              putBlock(store, saved);
              if (saved !== null && saved !== undefined) alsoUpdate?.(store, saved);
            },
            onCompleted: (response) => {
              const domain = response.setDomainBlock.domainBlock.domain;
              announce(t(block === undefined ? text.saved : text.changed, { domain }));
              onClose();
            },
            onError: (error) => setFailure(domainBlockFailure(error)),
          });
        }}
      />
    </section>
  );
}

function yesNo(value: boolean): string {
  return value ? text.yes : text.no;
}

function BlockRow({
  block: key,
  editing,
  onEdit,
  onRemoved,
  onRemoveFailed,
}: {
  block: DomainBlocksPage_block$key;
  editing: boolean;
  onEdit: (block: BlockValues) => void;
  onRemoved: (domain: string, removed: boolean) => void;
  onRemoveFailed: (message: string) => void;
}) {
  const block = useFragment(blockFragment, key);
  const [remove, removing] = useMutation<DomainBlocksPageRemoveMutation>(removeMutation);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  // Back where it was when the form closes.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  return (
    <tr>
      <th scope="row">
        <span className="domain-blocks__domain">{block.domain}</span>
      </th>
      <td>{severityLabel(block.severity)}</td>
      <td>{yesNo(block.rejectMedia)}</td>
      <td>{yesNo(block.rejectReports)}</td>
      <td>{yesNo(block.obfuscate)}</td>
      <td>
        {block.privateComment !== '' && (
          <p className="domain-blocks__comment">
            <span className="hint">{text.privateCommentShort}: </span>
            {block.privateComment}
          </p>
        )}
        {block.publicComment !== '' && (
          <p className="domain-blocks__comment">
            <span className="hint">{text.publicCommentShort}: </span>
            {block.publicComment}
          </p>
        )}
      </td>
      <td>{block.accountsCount}</td>
      <td>
        <time dateTime={block.createdAt}>{absoluteTime(block.createdAt)}</time>
      </td>
      <td>
        <span className="actions">
          <button
            type="button"
            ref={editButton}
            className="button button--small"
            aria-label={t(text.editBlock, { domain: block.domain })}
            disabled={editing}
            onClick={() => onEdit(block)}
          >
            {text.edit}
          </button>
          <ConfirmButton
            label={text.remove}
            question={t(text.removeQuestion, { domain: block.domain })}
            confirmLabel={t(text.removeConfirm, { domain: block.domain })}
            busy={removing}
            onConfirm={() =>
              remove({
                variables: { input: { domain: block.domain } },
                updater: (store) => dropBlock(store, block.domain),
                onCompleted: (response) => onRemoved(block.domain, response.removeDomainBlock.removed),
                onError: (error) => onRemoveFailed(messageOf(error, { FORBIDDEN: text.forbidden })),
              })
            }
          />
        </span>
      </td>
    </tr>
  );
}

type Changes = DomainBlocksPageImportMutation$data['importDomainBlocks']['changes'];

/** What an import will do or did, one domain a row; exported for its tests. */
export function ChangesTable({ changes, applied }: { changes: Changes; applied: boolean }) {
  const caption = applied ? exchange.appliedTitle : exchange.previewTitle;
  if (changes.length === 0) return <p>{exchange.previewEmpty}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table domain-block-changes">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{exchange.domain}</th>
            <th scope="col">{exchange.change}</th>
            <th scope="col">{exchange.severity}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.domain} className={`domain-block-changes__${change.change.toLowerCase()}`}>
              <th scope="row">{change.domain}</th>
              <td>{changeLabel(change.change, applied)}</td>
              <td>{severityLabel(change.block.severity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Download of the export, and an import previewed before it is applied. */
function ExportImport() {
  const environment = useRelayEnvironment();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<{
    csv: string;
    changes: Changes;
    applied: boolean;
  } | null>(null);
  const [failure, setFailure] = useState<{
    place: 'csv' | 'form';
    message: string;
  } | null>(null);
  const [commit, importing] = useMutation<DomainBlocksPageImportMutation>(importMutation);
  const announce = useAnnounce();
  const baseId = useId();
  const id = (field: string) => `${baseId}-${field}`;
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (preview !== null) result.current?.focus();
  }, [preview]);

  const download = () => {
    setExporting(true);
    setExportError(null);
    fetchQuery<DomainBlocksPageCsvQuery>(environment, csvQuery, {}, { fetchPolicy: 'network-only' })
      .toPromise()
      .then((data) => {
        if (data !== undefined) {
          downloadCsv(data.domainBlocksCsv);
          announce(exchange.exported);
        }
      })
      .catch((error: unknown) => setExportError(messageOf(error, { FORBIDDEN: text.forbidden })))
      .finally(() => setExporting(false));
  };

  const chooseFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    file
      .text()
      .then((content) => {
        setCsv(content);
        setPreview(null);
        setFailure(null);
      })
      .catch(() => setFailure({ place: 'form', message: exchange.unreadable }));
  };

  const run = (apply: boolean, source: string) => {
    setFailure(null);
    commit({
      variables: { input: { csv: source, apply } },
      updater: apply
        ? (store) => {
            const changes = store.getRootField('importDomainBlocks')?.getLinkedRecords('changes') ?? [];
            for (const change of changes) putBlock(store, change?.getLinkedRecord('block'));
          }
        : undefined,
      onCompleted: (response) => {
        const changes = response.importDomainBlocks.changes;
        setPreview({ csv: source, changes, applied: apply });
        if (apply) {
          announce(
            t(exchange.applied, {
              count: changes.filter((change) => change.change !== 'UNCHANGED').length,
            }),
          );
          setCsv('');
        }
      },
      onError: (error) => {
        const known = rookeryErrorOf(error);
        setFailure({
          place: known.field?.split('.').pop() === 'csv' ? 'csv' : 'form',
          message: messageOf(known, { FORBIDDEN: text.forbidden }),
        });
      },
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (csv.trim() === '') {
      setFailure({ place: 'csv', message: exchange.nothingToImport });
      return;
    }
    run(false, csv);
  };

  const csvError = failure?.place === 'csv' ? failure.message : null;
  const canApply =
    preview !== null &&
    !preview.applied &&
    preview.csv === csv &&
    preview.changes.some((change) => change.change !== 'UNCHANGED');

  return (
    <section className="setting-item domain-blocks__exchange" aria-labelledby={id('title')}>
      <h2 className="section-heading" id={id('title')}>
        {exchange.title}
      </h2>
      <p className="hint">{exchange.intro}</p>
      <div className="actions">
        <button type="button" className="button" disabled={exporting} onClick={download}>
          {exporting ? exchange.exporting : exchange.export}
        </button>
      </div>
      <FormError message={exportError} />
      <form className="form" onSubmit={submit} noValidate aria-label={exchange.preview}>
        <div className="field">
          <label htmlFor={id('file')}>{exchange.file}</label>
          <input id={id('file')} type="file" accept=".csv,text/csv" onChange={chooseFile} />
        </div>
        <div className="field">
          <label htmlFor={id('csv')}>{exchange.csv}</label>
          <textarea
            id={id('csv')}
            className="input domain-blocks__csv"
            rows={5}
            spellCheck={false}
            value={csv}
            aria-invalid={csvError !== null}
            aria-describedby={[id('csv-hint'), csvError === null ? null : id('csv-error')]
              .filter((item) => item !== null)
              .join(' ')}
            onChange={(event) => setCsv(event.target.value)}
          />
          <p id={id('csv-hint')} className="hint">
            {exchange.csvHint}
          </p>
          {csvError !== null && (
            <p id={id('csv-error')} className="form-error" role="alert">
              {csvError}
            </p>
          )}
        </div>
        <FormError message={failure?.place === 'form' ? failure.message : null} />
        <div className="actions">
          <button type="submit" className="button" disabled={importing}>
            {importing && preview === null ? exchange.previewing : exchange.preview}
          </button>
        </div>
      </form>
      {preview !== null && (
        <div className="domain-blocks__preview" ref={result} tabIndex={-1}>
          <ChangesTable changes={preview.changes} applied={preview.applied} />
          {!preview.applied && preview.changes.length > 0 && !canApply && preview.csv === csv && <p>{exchange.nothingChanges}</p>}
          {!preview.applied && (
            <div className="actions">
              <button
                type="button"
                className="button button--primary"
                disabled={importing || !canApply}
                onClick={() => run(true, preview.csv)}
              >
                {importing ? exchange.applying : exchange.apply}
              </button>
              <button type="button" className="button button--quiet" onClick={() => setPreview(null)}>
                {exchange.discard}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

export default function DomainBlocksPage() {
  const data = useLazyLoadQuery<DomainBlocksPageQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  // The domain whose block is being changed, 'new' for a new one, or nobody's.
  const [editing, setEditing] = useState<{
    domain: string | null;
    block?: BlockValues;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const announce = useAnnounce();
  const addButton = useRef<HTMLButtonElement>(null);
  const wasAdding = useRef(false);
  const adding = editing !== null && editing.domain === null;
  useEffect(() => {
    if (wasAdding.current && !adding) addButton.current?.focus();
    wasAdding.current = adding;
  }, [adding]);
  const blocks = [...data.domainBlocks].sort((a, b) => a.domain.localeCompare(b.domain));
  return (
    <div className="panel">
      <PageHeading title={text.title} />
      <p className="page-description">{text.intro}</p>
      {editing === null ? (
        <button
          type="button"
          ref={addButton}
          className="button button--primary settings__add"
          onClick={() => {
            setError(null);
            setEditing({ domain: null });
          }}
        >
          {text.add}
        </button>
      ) : (
        <EditBlock key={editing.domain ?? ''} block={editing.block} onClose={() => setEditing(null)} />
      )}
      <FormError message={error} />
      {blocks.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table domain-blocks">
            <caption>{text.list}</caption>
            <thead>
              <tr>
                <th scope="col">{text.domain}</th>
                <th scope="col">{text.severity}</th>
                <th scope="col">{text.rejectMedia}</th>
                <th scope="col">{text.rejectReports}</th>
                <th scope="col">{text.obfuscate}</th>
                <th scope="col">{text.comments}</th>
                <th scope="col">{text.accounts}</th>
                <th scope="col">{text.createdAt}</th>
                <th scope="col">{text.actions}</th>
              </tr>
            </thead>
            <tbody>
              {blocks.map((block) => (
                <BlockRow
                  key={block.domain}
                  block={block}
                  editing={editing?.domain === block.domain}
                  onEdit={(values) => {
                    setError(null);
                    setEditing({ domain: values.domain, block: values });
                  }}
                  onRemoved={(domain, removed) => {
                    announce(t(removed ? text.removed : text.notFound, { domain }));
                    // Its row is gone: the focus goes to the button that adds another.
                    addButton.current?.focus();
                  }}
                  onRemoveFailed={setError}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ExportImport />
    </div>
  );
}
