// A form's server refusal shown beside the field it names: the message, the field marked
// invalid, and the message read with the field's hint.
import type { ReactNode } from 'react';

export interface FieldErrors<Place extends string> {
  /** The message for `place`, or null when the refusal is elsewhere. */
  errorFor: (place: Place) => string | null;
  /** What the field at `place` is described by: its hint (an id suffix) and its error. */
  describedBy: (place: Place, hint?: string) => string | undefined;
  /** The message for `place`, as a paragraph the field names, or nothing. */
  fieldError: (place: Place) => ReactNode;
}

/** The helpers for a form whose controls' ids are `id(name)`, showing `error`. */
export function fieldErrors<Place extends string>(
  error: { place: Place; message: string } | null,
  id: (name: string) => string,
): FieldErrors<Place> {
  const errorFor = (place: Place) => (error?.place === place ? error.message : null);
  const describedBy = (place: Place, hint?: string) =>
    [hint === undefined ? null : id(hint), error?.place === place ? id(`${place}-error`) : null]
      .filter((item) => item !== null)
      .join(' ') || undefined;
  const fieldError = (place: Place) => {
    const message = errorFor(place);
    return message === null ? null : (
      <p id={id(`${place}-error`)} className="form-error" role="alert">
        {message}
      </p>
    );
  };
  return { errorFor, describedBy, fieldError };
}
