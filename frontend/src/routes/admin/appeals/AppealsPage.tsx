// /admin/appeals: people's appeals of their strikes, waiting (the oldest first) or decided (the
// newest first), by the address's `?state=`. Each shows whose it is, the strike appealed and
// what its owner wrote; a waiting one is approved in one press (what the strike restricted is
// lifted) or rejected with a reason its owner is told; decided, it says so in its place.
import { Suspense, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { graphql, useFragment, useLazyLoadQuery, useMutation, usePaginationFragment } from 'react-relay/hooks';
import { useAnnounce } from '../../../components/Announcer';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { RelativeTime } from '../../../components/RelativeTime';
import { en, t } from '../../../i18n/en';
import { adminText } from '../../../i18n/adminText';
import { rookeryErrorOf } from '../../../relay/errors';
import { Link, adminPath, useSearchParam } from '../../../router';
import { fieldErrors } from '../fieldErrors';
import type { AppealState, AppealsPageQuery } from './__generated__/AppealsPageQuery.graphql';
import type { AppealsPage_query$key } from './__generated__/AppealsPage_query.graphql';
import type { AppealsPage_appeal$key } from './__generated__/AppealsPage_appeal.graphql';
import type { AppealsPagePaginationQuery } from './__generated__/AppealsPagePaginationQuery.graphql';
import type { AppealsPageApproveMutation } from './__generated__/AppealsPageApproveMutation.graphql';
import type { AppealsPageRejectMutation } from './__generated__/AppealsPageRejectMutation.graphql';

export const appealsQuery = graphql`
  query AppealsPageQuery($state: AppealState!) {
    ...AppealsPage_query @arguments(state: $state)
  }
`;

const listFragment = graphql`
  fragment AppealsPage_query on Query
  @refetchable(queryName: "AppealsPagePaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }, state: { type: "AppealState!" }) {
    appeals(state: $state, first: $count, after: $cursor) @connection(key: "AppealsPage_appeals") {
      edges {
        node {
          id
          ...AppealsPage_appeal
        }
      }
    }
  }
`;

const appealFragment = graphql`
  fragment AppealsPage_appeal on Appeal {
    id
    text
    state
    createdAt
    decidedAt
    rejectionReason
    decidedBy {
      acct
    }
    account {
      id
      acct
    }
    strike {
      id
      action
      reason
      createdAt
    }
  }
`;

const approveMutation = graphql`
  mutation AppealsPageApproveMutation($input: DecideAppealInput!) {
    approveAppeal(input: $input) {
      appeal {
        id
        ...AppealsPage_appeal
      }
    }
  }
`;

const rejectMutation = graphql`
  mutation AppealsPageRejectMutation($input: DecideAppealInput!) {
    rejectAppeal(input: $input) {
      appeal {
        id
        ...AppealsPage_appeal
      }
    }
  }
`;

const text = adminText.appeals;
const PAGE = 20;

/** The states the list is shown by, in the tabs' order. */
export const appealStates = ['PENDING', 'APPROVED', 'REJECTED'] as const;
type ShownState = (typeof appealStates)[number];

/** The state the address's `?state=` names; waiting appeals when it names none. */
export function appealStateOf(param: string | null): ShownState {
  return appealStates.find((state) => state.toLowerCase() === param?.toLowerCase()) ?? 'PENDING';
}

/** The address of the list of appeals in `state`. */
export function appealsAddress(state: ShownState): string {
  return state === 'PENDING' ? adminPath('appeals') : `${adminPath('appeals')}?state=${state.toLowerCase()}`;
}

/** Where a refusal of a rejection is shown: beside its reason, or under the form. */
type ErrorPlace = 'reason' | 'form';

function placeOf(field: string | undefined): ErrorPlace {
  return field === 'reason' ? 'reason' : 'form';
}

function stateName(state: AppealState): string {
  return state === 'APPROVED' ? text.APPROVED : state === 'REJECTED' ? text.REJECTED : text.PENDING;
}

function Decision({ appealId, acct, onDecided }: { appealId: string; acct: string; onDecided: () => void }) {
  const announce = useAnnounce();
  const [approve, approving] = useMutation<AppealsPageApproveMutation>(approveMutation);
  const [reject, rejecting] = useMutation<AppealsPageRejectMutation>(rejectMutation);
  const [rejectOpen, setRejectOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<{ place: ErrorPlace; message: string } | null>(null);
  const rejectButton = useRef<HTMLButtonElement>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;
  const { errorFor, describedBy, fieldError } = fieldErrors(failure, id);
  const busy = approving || rejecting;

  // The form opens on a press: its field takes the focus.
  useEffect(() => {
    if (rejectOpen) reasonField.current?.focus();
  }, [rejectOpen]);

  const refused = (error: Error) => {
    const known = rookeryErrorOf(error);
    setFailure({ place: placeOf(known.field), message: known.message });
  };

  const doApprove = () => {
    setFailure(null);
    approve({
      variables: { input: { appealId } },
      onCompleted: () => {
        announce(t(text.approvedOf, { acct }));
        onDecided();
      },
      onError: refused,
    });
  };

  const doReject = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if ([...reason.trim()].length > 2000) {
      setFailure({ place: 'reason', message: text.reasonTooLong });
      return;
    }
    reject({
      variables: { input: { appealId, reason: reason.trim() } },
      onCompleted: () => {
        announce(t(text.rejectedOf, { acct }));
        onDecided();
      },
      onError: refused,
    });
  };

  const cancel = () => {
    setRejectOpen(false);
    setReason('');
    setFailure(null);
    rejectButton.current?.focus();
  };

  return (
    <div className="admin-approval">
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={doApprove}
          aria-label={t(text.approveOf, { acct })}
        >
          {text.approve}
        </button>
        <button
          type="button"
          className="button"
          ref={rejectButton}
          disabled={busy}
          aria-expanded={rejectOpen}
          aria-label={t(text.rejectOf, { acct })}
          onClick={() => setRejectOpen((open) => !open)}
        >
          {text.reject}
        </button>
      </div>
      {rejectOpen && (
        <form className="form" onSubmit={doReject} noValidate aria-label={t(text.rejectOf, { acct })}>
          <div className="field">
            <label htmlFor={id('reason')}>{t(text.rejectReason, { acct })}</label>
            <textarea
              id={id('reason')}
              ref={reasonField}
              className="input"
              rows={3}
              value={reason}
              aria-invalid={errorFor('reason') !== null}
              aria-describedby={describedBy('reason', 'reason-hint')}
              onChange={(event) => setReason(event.target.value)}
            />
            <p id={id('reason-hint')} className="hint">
              {text.rejectReasonHint}
            </p>
            {fieldError('reason')}
          </div>
          <div className="actions">
            <button type="submit" className="button button--danger" disabled={busy}>
              {text.confirmReject}
            </button>
            <button type="button" className="button" onClick={cancel}>
              {text.cancel}
            </button>
          </div>
        </form>
      )}
      <FormError message={errorFor('form')} />
    </div>
  );
}

function Appeal({ appeal: key }: { appeal: AppealsPage_appeal$key }) {
  const appeal = useFragment(appealFragment, key);
  const [decided, setDecided] = useState(false);
  const outcome = useRef<HTMLElement>(null);
  const acct = appeal.account.acct;
  const strikeReason = appeal.strike.reason.trim();
  const rejectionReason = appeal.rejectionReason.trim();

  // Decided here, the buttons are gone: its new state takes the focus.
  useEffect(() => {
    if (decided) outcome.current?.focus();
  }, [decided]);

  return (
    <li className="admin-list__item admin-appeal">
      <h2 className="section-heading">
        <Link to={adminPath('accounts', appeal.account.id)}>@{acct}</Link>
      </h2>
      <dl className="admin-facts">
        <dt>{text.action}</dt>
        <dd>{adminText.taken[appeal.strike.action] ?? appeal.strike.action}</dd>
        <dt>{text.strikeReason}</dt>
        <dd className="admin-comment">{strikeReason === '' ? text.noReason : strikeReason}</dd>
        <dt>{text.struck}</dt>
        <dd>
          <RelativeTime iso={appeal.strike.createdAt} />
        </dd>
        <dt>{text.appeal}</dt>
        <dd className="admin-comment admin-appeal__text">{appeal.text}</dd>
        <dt>{text.appealed}</dt>
        <dd>
          <RelativeTime iso={appeal.createdAt} />
        </dd>
        <dt>{text.state}</dt>
        <dd>
          <strong className="admin-appeal__state" ref={outcome} tabIndex={-1}>
            {stateName(appeal.state)}
          </strong>
          {appeal.decidedBy !== null && appeal.decidedBy !== undefined && <> {t(text.by, { acct: appeal.decidedBy.acct })}</>}
          {appeal.decidedAt !== null && appeal.decidedAt !== undefined && (
            <>
              {', '}
              <RelativeTime iso={appeal.decidedAt} />
            </>
          )}
        </dd>
        {appeal.state === 'REJECTED' && (
          <>
            <dt>{text.rejectionReason}</dt>
            <dd className="admin-comment">{rejectionReason === '' ? text.noReason : rejectionReason}</dd>
          </>
        )}
      </dl>
      {appeal.state === 'PENDING' && <Decision appealId={appeal.id} acct={acct} onDecided={() => setDecided(true)} />}
    </li>
  );
}

function Appeals({ query, state }: { query: AppealsPage_query$key; state: ShownState }) {
  const { data, hasNext, isLoadingNext, loadNext } = usePaginationFragment<AppealsPagePaginationQuery, AppealsPage_query$key>(
    listFragment,
    query,
  );
  const edges = data.appeals.edges;
  return (
    <>
      {edges.length === 0 ? (
        <p className="hint">{text[`none_${state}`]}</p>
      ) : (
        <ul className="admin-list" aria-label={t(text.list, { state: stateName(state) })} aria-busy={isLoadingNext}>
          {edges.map(({ node }) => (
            <Appeal key={node.id} appeal={node} />
          ))}
        </ul>
      )}
      {hasNext && (
        <div className="timeline__footer">
          <button type="button" className="button" disabled={isLoadingNext} onClick={() => loadNext(PAGE)}>
            {isLoadingNext ? text.loadingMore : text.loadMore}
          </button>
        </div>
      )}
    </>
  );
}

function List({ state }: { state: ShownState }) {
  const data = useLazyLoadQuery<AppealsPageQuery>(appealsQuery, { state }, { fetchPolicy: 'store-and-network' });
  return <Appeals query={data} state={state} />;
}

export default function AppealsPage() {
  const state = appealStateOf(useSearchParam('state'));
  return (
    <div className="admin-page">
      <PageHeading title={text.title} />
      <p className="page-description">{text.intro}</p>
      <nav className="tabs" aria-label={text.tabs}>
        {appealStates.map((item) => (
          <Link key={item} to={appealsAddress(item)} className="tabs__link" aria-current={item === state ? 'page' : undefined}>
            {stateName(item)}
          </Link>
        ))}
      </nav>
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        <List state={state} />
      </Suspense>
    </div>
  );
}
