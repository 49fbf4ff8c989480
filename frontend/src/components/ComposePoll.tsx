// The composer's poll: two to four options, how long it runs, and whether several may be chosen.
import { useId } from 'react';
import { t } from '../i18n/en';
import { composeText } from '../i18n/composeText';
import { DURATIONS, MAX_OPTIONS, MAX_OPTION_CHARS, MIN_OPTIONS, pollProblem, type PollDraft, type PollProblem } from '../lib/poll';

export function pollProblemMessage(problem: PollProblem): string {
  switch (problem.kind) {
    case 'tooFew':
      return composeText.compose.pollTooFew;
    case 'tooLong':
      return t(composeText.compose.pollTooLong, { number: problem.index + 1 });
    case 'duplicate':
      return t(composeText.compose.pollDuplicate, { number: problem.index + 1 });
  }
}

export function ComposePoll({ poll, onChange }: { poll: PollDraft; onChange: (poll: PollDraft) => void }) {
  const id = useId();
  const problem = pollProblem(poll);
  const problemId = `${id}-problem`;
  const setOption = (index: number, value: string) =>
    onChange({ ...poll, options: poll.options.map((option, at) => (at === index ? value : option)) });
  return (
    <fieldset className="compose__poll">
      <legend>{composeText.compose.poll}</legend>
      {poll.options.map((option, index) => {
        const number = index + 1;
        const wrong = problem !== null && problem.kind !== 'tooFew' && problem.index === index;
        return (
          <div key={index} className="field field--inline">
            <label htmlFor={`${id}-${index}`}>{t(composeText.compose.pollOption, { number })}</label>
            <input
              id={`${id}-${index}`}
              className="input"
              value={option}
              maxLength={MAX_OPTION_CHARS + 10}
              aria-invalid={wrong}
              aria-describedby={wrong ? problemId : undefined}
              onChange={(event) => setOption(index, event.target.value)}
            />
            {poll.options.length > MIN_OPTIONS && (
              <button
                type="button"
                className="button button--small"
                onClick={() => onChange({ ...poll, options: poll.options.filter((_, at) => at !== index) })}
              >
                {t(composeText.compose.removeOption, { number })}
              </button>
            )}
          </div>
        );
      })}
      {poll.options.length < MAX_OPTIONS && (
        <button type="button" className="button button--small" onClick={() => onChange({ ...poll, options: [...poll.options, ''] })}>
          {composeText.compose.addOption}
        </button>
      )}
      <div className="field field--inline">
        <label htmlFor={`${id}-duration`}>{composeText.compose.pollDuration}</label>
        <select
          id={`${id}-duration`}
          className="input"
          value={poll.expiresInSeconds}
          onChange={(event) => onChange({ ...poll, expiresInSeconds: Number(event.target.value) })}
        >
          {DURATIONS.map((seconds) => (
            <option key={seconds} value={seconds}>
              {composeText.compose[`duration${seconds}`]}
            </option>
          ))}
        </select>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={poll.multiple} onChange={(event) => onChange({ ...poll, multiple: event.target.checked })} />
        {composeText.compose.pollMultiple}
      </label>
      {problem !== null && (
        <p id={problemId} className="hint">
          {pollProblemMessage(problem)}
        </p>
      )}
    </fieldset>
  );
}
