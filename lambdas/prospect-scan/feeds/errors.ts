// Why a feed could not be read, as one line a person can act on (never a stack trace).
import { RadarError } from '../../core/errors.ts';

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

export class FeedError extends RadarError {
  override name = 'FeedError';
  readonly kind: FeedErrorKind;
  /** A refused address or setting is the caller's to fix; anything else is the feed's side failing. */
  readonly statusCode: number;

  constructor(kind: FeedErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.kind = kind;
    this.statusCode = kind === 'address' || kind === 'config' ? 400 : 502;
  }
}

/** One line describing any error: parser messages span several lines ("Line: 3\nColumn: 7"). */
export function oneLineReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, '; ').trim().slice(0, 300) || 'unknown error';
}
