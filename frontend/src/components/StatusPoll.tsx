// A post's poll: a vote form until one has voted or it has ended, then its results.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useFragment, useMutation } from 'react-relay/hooks';
import { en, t } from '../i18n/en';
import { absoluteTime } from '../lib/time';
import { messageOf } from '../relay/errors';
import type { StatusPoll_status$key } from './__generated__/StatusPoll_status.graphql';
import type { StatusPollVoteMutation } from './__generated__/StatusPollVoteMutation.graphql';

const statusFragment = graphql`
  fragment StatusPoll_status on Status {
    id
    poll {
      id
      options {
        title
        votesCount
      }
      multiple
      expiresAt
      expired
      votesCount
      votersCount
      voted
      ownVotes
    }
  }
`;

const voteMutation = graphql`
  mutation StatusPollVoteMutation($input: VoteInput!) {
    vote(input: $input) {
      status {
        id
        ...StatusPoll_status
      }
    }
  }
`;

export function StatusPoll({ status: key, signedIn }: { status: StatusPoll_status$key; signedIn: boolean }) {
  const status = useFragment(statusFragment, key);
  const [vote, voting] = useMutation<StatusPollVoteMutation>(voteMutation);
  const [choices, setChoices] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const name = useId();
  const poll = status.poll;
  if (poll === null || poll === undefined) return null;

  const closes = poll.expired ? en.poll.closed : t(en.poll.closes, { when: absoluteTime(poll.expiresAt) });
  const summary = `${t(en.poll.voters, { count: poll.votersCount })} · ${closes}`;

  if (signedIn && !poll.voted && !poll.expired) {
    const choose = (index: number, on: boolean) => {
      if (!poll.multiple) setChoices([index]);
      else setChoices(on ? [...choices, index] : choices.filter((choice) => choice !== index));
    };
    const submit = (event: FormEvent) => {
      event.preventDefault();
      setError(null);
      vote({
        variables: { input: { statusId: status.id, choices: [...choices].sort((a, b) => a - b) } },
        onError: (failure) => setError(messageOf(failure)),
      });
    };
    return (
      <form className="poll" onSubmit={submit}>
        <fieldset className="poll__choices">
          <legend className="visually-hidden">{poll.multiple ? en.poll.chooseSeveral : en.poll.chooseOne}</legend>
          {poll.options.map((option, index) => (
            <label key={index} className="checkbox poll__choice">
              <input
                type={poll.multiple ? 'checkbox' : 'radio'}
                name={name}
                checked={choices.includes(index)}
                onChange={(event) => choose(index, event.target.checked)}
              />
              {option.title}
            </label>
          ))}
        </fieldset>
        {error !== null && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <p className="poll__footer">
          <button type="submit" className="button button--small" disabled={choices.length === 0 || voting}>
            {voting ? en.poll.voting : en.poll.vote}
          </button>
          <span className="hint">{summary}</span>
        </p>
      </form>
    );
  }

  return (
    <div className="poll">
      <ul className="poll__results">
        {poll.options.map((option, index) => {
          const share = poll.votesCount === 0 ? 0 : Math.round((option.votesCount / poll.votesCount) * 100);
          const own = poll.ownVotes.includes(index);
          return (
            <li key={index} className="poll__result">
              <span className="poll__title">
                {option.title}
                {own && <span className="poll__own"> {en.poll.yourChoice}</span>}
              </span>
              <span className="poll__share">{t(en.poll.share, { share })}</span>
              <meter className="poll__meter" min={0} max={100} value={share} aria-label={option.title} />
            </li>
          );
        })}
      </ul>
      <p className="hint poll__footer">{summary}</p>
    </div>
  );
}
