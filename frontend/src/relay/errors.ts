// Errors the server reports, by their `extensions.code`, with the message a person reads.
import { en } from '../i18n/en';

export type ErrorCode = keyof typeof en.errors;

/** An error from the server (or from reaching it), with a message to show. */
export class RookeryError extends Error {
  readonly code: string;
  /** The input the server named (`extensions.field`), for VALIDATION errors. */
  readonly field: string | undefined;

  constructor(code: string, field?: string, detail?: string) {
    super(humanMessage(code, detail));
    this.name = 'RookeryError';
    this.code = code;
    this.field = field;
  }
}

const shownAsSent = new Set(['VALIDATION']);

/**
 * What a person reads for `code`; the server's own text only for VALIDATION, whose
 * message says which input is wrong and how.
 */
export function humanMessage(code: string, detail?: string): string {
  if (shownAsSent.has(code) && detail !== undefined && detail !== '') return detail;
  const known = (en.errors as Record<string, string>)[code];
  return known ?? en.errors.INTERNAL;
}

interface GraphQLErrorLike {
  message?: unknown;
  extensions?: { code?: unknown; field?: unknown } | null;
}

/** The first of a response's errors as a RookeryError. */
export function fromGraphQLErrors(errors: readonly GraphQLErrorLike[]): RookeryError {
  const first = errors[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL';
  const field = typeof first?.extensions?.field === 'string' ? first.extensions.field : undefined;
  const message = typeof first?.message === 'string' ? first.message : undefined;
  return new RookeryError(code, field, message);
}

/** Any thrown value as a RookeryError: a failed fetch is NETWORK, anything unknown INTERNAL. */
export function rookeryErrorOf(error: unknown): RookeryError {
  if (error instanceof RookeryError) return error;
  const source = (error as { source?: { errors?: GraphQLErrorLike[] } } | null)?.source;
  if (source?.errors !== undefined && source.errors.length > 0) {
    return fromGraphQLErrors(source.errors);
  }
  if (error instanceof TypeError) return new RookeryError('NETWORK');
  return new RookeryError('INTERNAL');
}

/**
 * Any thrown value as a message to show; `instead` gives a page's own words for codes
 * that mean something more there (a FORBIDDEN setup link is a wrong or used one).
 */
export function messageOf(error: unknown, instead: Partial<Record<ErrorCode, string>> = {}): string {
  const known = rookeryErrorOf(error);
  return (instead as Record<string, string | undefined>)[known.code] ?? known.message;
}
