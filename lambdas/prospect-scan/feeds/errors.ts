// Why a feed could not be read, as one line a person can act on (never a stack trace).

export type FeedErrorKind =
  | 'address'
  | 'timeout'
  | 'http'
  | 'gone'
  | 'too-large'
  | 'redirect'
  | 'network'
  | 'encoding'
  | 'malformed'
  | 'config';

export class FeedError extends Error {
  readonly kind: FeedErrorKind;

  constructor(kind: FeedErrorKind, message: string) {
    super(message);
    this.name = 'FeedError';
    this.kind = kind;
  }
}

/** One line describing any error: parser messages span several lines ("Line: 3\nColumn: 7"). */
export function oneLineReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, '; ').trim().slice(0, 300) || 'unknown error';
}
