// Sign-up blocks: the email domains sign-ups are refused from, and the IP ranges sign-ups from
// which wait for approval or are refused. A moderator adds and removes each.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import type { RecordProxy, RecordSourceSelectorProxy } from 'relay-runtime';
import { useAnnounce } from '../../../components/Announcer';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { adminSignUpsText } from '../../../i18n/adminSignUpsText';
import { t } from '../../../i18n/en';
import { absoluteTime } from '../../../lib/time';
import { messageOf, rookeryErrorOf } from '../../../relay/errors';
import { fieldErrors } from '../fieldErrors';
import { ExpirySelect, expiresAt, type Expiry } from '../expiry';
import type { SignUpBlocksPageQuery } from './__generated__/SignUpBlocksPageQuery.graphql';
import type { SignUpBlocksPageAddDomainMutation } from './__generated__/SignUpBlocksPageAddDomainMutation.graphql';
import type { SignUpBlocksPageRemoveDomainMutation } from './__generated__/SignUpBlocksPageRemoveDomainMutation.graphql';
import type { IpBlockSeverity, SignUpBlocksPageAddIpMutation } from './__generated__/SignUpBlocksPageAddIpMutation.graphql';
import type { SignUpBlocksPageRemoveIpMutation } from './__generated__/SignUpBlocksPageRemoveIpMutation.graphql';

const pageQuery = graphql`
  query SignUpBlocksPageQuery {
    emailDomainBlocks {
      id
      domain
      createdAt
    }
    ipBlocks {
      id
      range
      severity
      comment
      expiresAt
      createdAt
    }
  }
`;

const addDomainMutation = graphql`
  mutation SignUpBlocksPageAddDomainMutation($input: AddEmailDomainBlockInput!) {
    addEmailDomainBlock(input: $input) {
      emailDomainBlock {
        id
        domain
        createdAt
      }
    }
  }
`;

const removeDomainMutation = graphql`
  mutation SignUpBlocksPageRemoveDomainMutation($input: RemoveBlockInput!) {
    removeEmailDomainBlock(input: $input) {
      removedId
    }
  }
`;

const addIpMutation = graphql`
  mutation SignUpBlocksPageAddIpMutation($input: AddIpBlockInput!) {
    addIpBlock(input: $input) {
      ipBlock {
        id
        range
        severity
        comment
        expiresAt
        createdAt
      }
    }
  }
`;

const removeIpMutation = graphql`
  mutation SignUpBlocksPageRemoveIpMutation($input: RemoveBlockInput!) {
    removeIpBlock(input: $input) {
      removedId
    }
  }
`;

const text = adminSignUpsText.blocks;

export const ipSeverities = ['SIGN_UP_REQUIRES_APPROVAL', 'SIGN_UP_BLOCK'] as const satisfies readonly IpBlockSeverity[];
type Severity = (typeof ipSeverities)[number];

/** The words for a severity, the server's name for one this client does not know. */
export function severityWords(severity: string): string {
  return adminSignUpsText.severities[severity] ?? severity;
}

/** Where a refusal of a form goes: beside one of `fields`, or above its buttons. */
export function blockFailure<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): { place: Field | 'form'; message: string } {
  const known = rookeryErrorOf(error);
  const last = known.field?.split('.').pop();
  const place = fields.find((field) => field === last) ?? 'form';
  return { place, message: messageOf(known, { FORBIDDEN: text.forbidden }) };
}

/** Puts `record` first in the root's list `field` (newest first). */
function prepend(store: RecordSourceSelectorProxy, field: string, record: RecordProxy | null | undefined): void {
  if (record === null || record === undefined) return;
  const root = store.getRoot();
  const current = root.getLinkedRecords(field) ?? [];
  root.setLinkedRecords([record, ...current.filter((item) => item?.getDataID() !== record.getDataID())], field);
}

/** Takes the record with `id` out of the root's list `field`. */
function drop(store: RecordSourceSelectorProxy, field: string, id: string): void {
  const root = store.getRoot();
  const current = root.getLinkedRecords(field);
  if (current === null || current === undefined) return;
  root.setLinkedRecords(
    current.filter((item) => item !== null && item !== undefined && item.getValue('id') !== id),
    field,
  );
}

const domainFields = ['domain'] as const;

/** The form blocking an email domain; exported for its tests. */
export function AddDomainForm() {
  const [add, adding] = useMutation<SignUpBlocksPageAddDomainMutation>(addDomainMutation);
  const [domain, setDomain] = useState('');
  const [failure, setFailure] = useState<{ place: 'domain' | 'form'; message: string } | null>(null);
  const announce = useAnnounce();
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;
  const { errorFor, describedBy, fieldError } = fieldErrors(failure, id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    add({
      variables: { input: { domain: domain.trim() } },
      updater: (store) => prepend(store, 'emailDomainBlocks', store.getRootField('addEmailDomainBlock')?.getLinkedRecord('emailDomainBlock')),
      onCompleted: (response) => {
        announce(t(text.emailAdded, { domain: response.addEmailDomainBlock.emailDomainBlock.domain }));
        setDomain('');
      },
      onError: (error) => setFailure(blockFailure(error, domainFields)),
    });
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={text.emailAddTitle}>
      <div className="field">
        <label htmlFor={id('domain')}>{text.domain}</label>
        <input
          id={id('domain')}
          className="input"
          required
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
      <FormError message={errorFor('form')} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={adding}>
          {adding ? text.adding : text.add}
        </button>
      </div>
    </form>
  );
}

const ipFields = ['range', 'severity', 'comment', 'expiresAt'] as const;
type IpField = (typeof ipFields)[number];

/** The form blocking an IP range; exported for its tests. */
export function AddIpForm() {
  const [add, adding] = useMutation<SignUpBlocksPageAddIpMutation>(addIpMutation);
  const [range, setRange] = useState('');
  const [severity, setSeverity] = useState<Severity>('SIGN_UP_BLOCK');
  const [comment, setComment] = useState('');
  const [expiry, setExpiry] = useState<Expiry>('never');
  const [failure, setFailure] = useState<{ place: IpField | 'form'; message: string } | null>(null);
  const announce = useAnnounce();
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;
  const { errorFor, describedBy, fieldError } = fieldErrors(failure, id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    add({
      variables: { input: { range: range.trim(), severity, comment, expiresAt: expiresAt(expiry) } },
      updater: (store) => prepend(store, 'ipBlocks', store.getRootField('addIpBlock')?.getLinkedRecord('ipBlock')),
      onCompleted: (response) => {
        announce(t(text.ipAdded, { range: response.addIpBlock.ipBlock.range }));
        setRange('');
        setComment('');
      },
      onError: (error) => setFailure(blockFailure(error, ipFields)),
    });
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={text.ipAddTitle}>
      <div className="field">
        <label htmlFor={id('range')}>{text.range}</label>
        <input
          id={id('range')}
          className="input"
          required
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          value={range}
          aria-invalid={errorFor('range') !== null}
          aria-describedby={describedBy('range', 'range-hint')}
          onChange={(event) => setRange(event.target.value)}
        />
        <p id={id('range-hint')} className="hint">
          {text.rangeHint}
        </p>
        {fieldError('range')}
      </div>
      <div className="field">
        <label htmlFor={id('severity')}>{text.severity}</label>
        <select
          id={id('severity')}
          className="input"
          value={severity}
          aria-invalid={errorFor('severity') !== null}
          aria-describedby={describedBy('severity')}
          onChange={(event) => setSeverity(ipSeverities.find((item) => item === event.target.value) ?? 'SIGN_UP_BLOCK')}
        >
          {ipSeverities.map((item) => (
            <option key={item} value={item}>
              {severityWords(item)}
            </option>
          ))}
        </select>
        {fieldError('severity')}
      </div>
      <div className="field">
        <label htmlFor={id('comment')}>{text.comment}</label>
        <textarea
          id={id('comment')}
          className="input"
          rows={2}
          maxLength={500}
          value={comment}
          aria-invalid={errorFor('comment') !== null}
          aria-describedby={describedBy('comment', 'comment-hint')}
          onChange={(event) => setComment(event.target.value)}
        />
        <p id={id('comment-hint')} className="hint">
          {text.commentHint}
        </p>
        {fieldError('comment')}
      </div>
      <ExpirySelect
        id={id('expiresAt')}
        label={text.expires}
        value={expiry}
        onChange={setExpiry}
        describedBy={describedBy('expiresAt')}
        error={fieldError('expiresAt')}
      />
      <FormError message={errorFor('form')} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={adding}>
          {adding ? text.adding : text.add}
        </button>
      </div>
    </form>
  );
}

function RemoveDomain({ id, domain, onError }: { id: string; domain: string; onError: (message: string) => void }) {
  const [remove, removing] = useMutation<SignUpBlocksPageRemoveDomainMutation>(removeDomainMutation);
  const announce = useAnnounce();
  return (
    <ConfirmButton
      label={text.remove}
      question={`${t(text.removeDomain, { domain })}?`}
      confirmLabel={t(text.removeDomain, { domain })}
      busy={removing}
      onConfirm={() =>
        remove({
          variables: { input: { id } },
          updater: (store) => drop(store, 'emailDomainBlocks', id),
          onCompleted: () => announce(t(text.emailRemoved, { domain })),
          onError: (error) => onError(messageOf(error, { FORBIDDEN: text.forbidden })),
        })
      }
    />
  );
}

function RemoveIp({ id, range, onError }: { id: string; range: string; onError: (message: string) => void }) {
  const [remove, removing] = useMutation<SignUpBlocksPageRemoveIpMutation>(removeIpMutation);
  const announce = useAnnounce();
  return (
    <ConfirmButton
      label={text.remove}
      question={`${t(text.removeRange, { range })}?`}
      confirmLabel={t(text.removeRange, { range })}
      busy={removing}
      onConfirm={() =>
        remove({
          variables: { input: { id } },
          updater: (store) => drop(store, 'ipBlocks', id),
          onCompleted: () => announce(t(text.ipRemoved, { range })),
          onError: (error) => onError(messageOf(error, { FORBIDDEN: text.forbidden })),
        })
      }
    />
  );
}

export default function SignUpBlocksPage() {
  const data = useLazyLoadQuery<SignUpBlocksPageQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  const [error, setError] = useState<string | null>(null);
  const ids = { email: useId(), ip: useId() };
  return (
    <div className="panel">
      <PageHeading title={text.title} />
      <p className="page-description">{text.intro}</p>
      <FormError message={error} />
      <section className="setting-item" aria-labelledby={ids.email}>
        <h2 id={ids.email} className="section-heading">
          {text.emailTitle}
        </h2>
        <p className="hint">{text.emailIntro}</p>
        <AddDomainForm />
        {data.emailDomainBlocks.length === 0 ? (
          <p>{text.emailEmpty}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table email-domain-blocks">
              <caption>{text.emailList}</caption>
              <thead>
                <tr>
                  <th scope="col">{text.domain}</th>
                  <th scope="col">{text.createdAt}</th>
                  <th scope="col">{text.actions}</th>
                </tr>
              </thead>
              <tbody>
                {data.emailDomainBlocks.map((block) => (
                  <tr key={block.id}>
                    <th scope="row">{block.domain}</th>
                    <td>
                      <time dateTime={block.createdAt}>{absoluteTime(block.createdAt)}</time>
                    </td>
                    <td>
                      <RemoveDomain id={block.id} domain={block.domain} onError={setError} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="setting-item" aria-labelledby={ids.ip}>
        <h2 id={ids.ip} className="section-heading">
          {text.ipTitle}
        </h2>
        <p className="hint">{text.ipIntro}</p>
        <AddIpForm />
        {data.ipBlocks.length === 0 ? (
          <p>{text.ipEmpty}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table ip-blocks">
              <caption>{text.ipList}</caption>
              <thead>
                <tr>
                  <th scope="col">{text.range}</th>
                  <th scope="col">{text.severity}</th>
                  <th scope="col">{text.comment}</th>
                  <th scope="col">{text.expiry}</th>
                  <th scope="col">{text.actions}</th>
                </tr>
              </thead>
              <tbody>
                {data.ipBlocks.map((block) => (
                  <tr key={block.id}>
                    <th scope="row">{block.range}</th>
                    <td>{severityWords(block.severity)}</td>
                    <td>{block.comment}</td>
                    <td>
                      {block.expiresAt === null || block.expiresAt === undefined ? (
                        text.never
                      ) : (
                        <time dateTime={block.expiresAt}>{absoluteTime(block.expiresAt)}</time>
                      )}
                    </td>
                    <td>
                      <RemoveIp id={block.id} range={block.range} onError={setError} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
