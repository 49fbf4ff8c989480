// The pictures of a post being written: each with its state, alt text and focal point;
// loaded when the first picture is added.
import { type KeyboardEvent, type MouseEvent } from 'react';
import { t } from '../i18n/en';
import { composeText } from '../i18n/composeText';
import type { Attachment, Focus } from './ComposeMedia';

function rounded(value: number): number {
  return Math.round(Math.max(-1, Math.min(1, value)) * 100) / 100;
}

function FocalPoint({ item, number, onChange }: { item: Attachment; number: number; onChange: (focus: Focus) => void }) {
  const { x, y } = item.focus;
  const onClick = (event: MouseEvent<HTMLButtonElement>) => {
    // A click from the keyboard (Enter, Space) has no place: arrow keys move the point.
    if (event.detail === 0) return;
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    onChange({
      x: rounded(((event.clientX - box.left) / box.width) * 2 - 1),
      y: rounded(1 - ((event.clientY - box.top) / box.height) * 2),
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const step = 0.1;
    const moves: Record<string, Focus> = {
      ArrowLeft: { x: x - step, y },
      ArrowRight: { x: x + step, y },
      ArrowUp: { x, y: y + step },
      ArrowDown: { x, y: y - step },
    };
    const moved = moves[event.key];
    if (moved === undefined) return;
    event.preventDefault();
    onChange({ x: rounded(moved.x), y: rounded(moved.y) });
  };
  return (
    <button
      type="button"
      className="focal"
      aria-label={t(composeText.compose.focalPoint, { number, x: x.toFixed(1), y: y.toFixed(1) })}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <img src={item.localUrl} alt="" />
      <svg className="focal__marker" viewBox="-1 -1 2 2" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <circle cx={x} cy={-y} r="0.1" />
      </svg>
    </button>
  );
}

function stateText(item: Attachment): string {
  switch (item.state) {
    case 'UPLOADING':
      return t(composeText.compose.uploading, { percent: Math.round(item.progress * 100) });
    case 'PROCESSING':
      return composeText.compose.processing;
    case 'READY':
      return composeText.compose.ready;
    case 'FAILED':
      return t(composeText.compose.failed, { reason: item.error ?? '' });
  }
}

export function ComposeMedia({
  attachments,
  onChange,
  onRemove,
}: {
  attachments: Attachment[];
  onChange: (key: number, patch: Partial<Attachment>) => void;
  onRemove: (key: number) => void;
}) {
  if (attachments.length === 0) return null;
  return (
    <ul className="compose__media" aria-label={composeText.compose.pictures}>
      {attachments.map((item, index) => {
        const number = index + 1;
        const altId = `compose-alt-${item.key}`;
        return (
          <li key={item.key} className="compose__picture" aria-label={t(composeText.compose.picture, { number })}>
            <FocalPoint item={item} number={number} onChange={(focus) => onChange(item.key, { focus })} />
            <div className="compose__picture-fields">
              <p className={`compose__picture-state${item.state === 'FAILED' ? ' form-error' : ''}`} role="status">
                {stateText(item)}
              </p>
              {item.state === 'UPLOADING' && (
                <progress className="compose__progress" max={1} value={item.progress} aria-label={stateText(item)} />
              )}
              <label htmlFor={altId}>{t(composeText.compose.altText, { number })}</label>
              <textarea
                id={altId}
                className="input"
                rows={2}
                value={item.description}
                placeholder={composeText.compose.altTextHint}
                onChange={(event) => onChange(item.key, { description: event.target.value })}
              />
              <button type="button" className="button button--small" onClick={() => onRemove(item.key)}>
                {t(composeText.compose.removePicture, { number })}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
