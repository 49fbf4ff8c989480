// A post's pictures: each with its alt text (and an ALT badge that shows it); sensitive ones
// hidden behind their blurred stand-in until the reader asks.
import { useId, useState } from 'react';
import { graphql, useFragment } from 'react-relay/hooks';
import { en, t } from '../i18n/en';
import { Blurhash } from './Blurhash';
import type { StatusMedia_status$key } from './__generated__/StatusMedia_status.graphql';

const statusFragment = graphql`
  fragment StatusMedia_status on Status {
    sensitive
    mediaAttachments {
      id
      url
      previewUrl
      description
      blurhash
    }
  }
`;

function AltBadge({ description }: { description: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="media__alt-badge"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {en.media.altBadge}
        <span className="visually-hidden">: {open ? en.media.hideAlt : en.media.showAlt}</span>
      </button>
      <p id={id} className="media__alt-text" hidden={!open}>
        {description}
      </p>
    </>
  );
}

export function StatusMedia({ status: key }: { status: StatusMedia_status$key }) {
  const status = useFragment(statusFragment, key);
  const [shown, setShown] = useState(!status.sensitive);
  const pictures = status.mediaAttachments.filter((media) => media.url !== null && media.url !== undefined);
  if (pictures.length === 0) return null;

  if (!shown) {
    return (
      <div className="status__media status__media--hidden">
        <ul className="status__media-list" aria-hidden="true">
          {pictures.map((media) => (
            <li key={media.id} className="media">
              {media.blurhash !== null && media.blurhash !== undefined ? (
                <Blurhash hash={media.blurhash} />
              ) : (
                <span className="blurhash blurhash--none" />
              )}
            </li>
          ))}
        </ul>
        <button type="button" className="button media__show" onClick={() => setShown(true)}>
          {t(en.media.showSensitive, { count: pictures.length })}
        </button>
      </div>
    );
  }

  return (
    <div className="status__media">
      <ul className="status__media-list">
        {pictures.map((media) => (
          <li key={media.id} className="media">
            <a href={media.url ?? undefined} rel="noopener nofollow" target="_blank">
              <img
                src={media.previewUrl ?? media.url ?? undefined}
                alt={media.description === '' ? en.status.attachment : media.description}
                loading="lazy"
                decoding="async"
              />
            </a>
            {media.description !== '' && <AltBadge description={media.description} />}
          </li>
        ))}
      </ul>
      {status.sensitive && (
        <button type="button" className="button button--small media__hide" onClick={() => setShown(false)}>
          {en.media.hideSensitive}
        </button>
      )}
    </div>
  );
}
