// Sending email: MIME composed by nodemailer, delivered with one SES SendRawEmail call (never repeated by the SDK).
import * as http from 'node:http';
import * as https from 'node:https';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { MaybeSentError } from '../errors.ts';
import { SES_CONNECTION_TIMEOUT_MS, SES_REQUEST_TIMEOUT_MS } from './send-timing.ts';

export interface Attachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
  /** Content-ID of an inline image, referenced from the HTML as `cid:<cid>` (the report's charts). */
  cid?: string;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: Attachment[];
  /** Extra headers, e.g. X-RM-Radar-Job, to tell the emails apart in a mailbox. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /**
   * Sends one email and returns the provider's message id. Throws MaybeSentError when the outcome is
   * unclear (the email may have gone out); any other error means it was not sent.
   */
  send(email: OutgoingEmail): Promise<string>;
}

/** Builds the raw MIME message: multipart/alternative (text + HTML) plus any attachments. */
export async function composeMime(from: string, email: OutgoingEmail): Promise<Buffer> {
  const composer = new MailComposer({
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    headers: email.headers,
    attachments: email.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, ...(a.cid ? { cid: a.cid } : {}) })),
  });
  return composer.compile().build();
}

/**
 * The SES client for sending: one attempt per call, because SendRawEmail is not safe to repeat (a lost
 * answer would send the email again); both timeouts throw; no kept-alive sockets, so a send never goes
 * out on a socket the server already closed (a reset there would leave the outcome unclear).
 */
export function sendingSesClient(options: { endpoint?: string; requestTimeoutMs?: number } = {}): SESClient {
  return new SESClient({
    maxAttempts: 1,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    requestHandler: {
      connectionTimeout: SES_CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? SES_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
      httpAgent: new http.Agent({ keepAlive: false }),
      httpsAgent: new https.Agent({ keepAlive: false }),
    },
  });
}

export class SesMailer implements Mailer {
  private readonly ses: SESClient;
  private readonly from: string;
  private readonly configurationSet: string | undefined;

  constructor(from: string, options: { ses?: SESClient; configurationSet?: string } = {}) {
    this.from = from;
    this.ses = options.ses ?? sendingSesClient();
    this.configurationSet = options.configurationSet;
  }

  async send(email: OutgoingEmail): Promise<string> {
    const raw = await composeMime(this.from, email);
    try {
      const result = await this.ses.send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        }),
      );
      if (!result.MessageId) throw new MaybeSentError('SES answered without a message id');
      return result.MessageId;
    } catch (error) {
      if (error instanceof MaybeSentError || !sesRefusedOrNeverReached(error)) {
        throw new MaybeSentError(`the SES answer was lost (${errorName(error)}): the email may have been sent`, { cause: error });
      }
      throw error;
    }
  }
}

/** Socket errors raised before a connection exists: nothing of the request can have reached SES. */
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL']);

/**
 * Whether a failed SendRawEmail clearly did not send: SES answered with an error status, or the request
 * never left (no connection, no credentials). Anything else — a timeout or a reset after connecting, a
 * success status whose body could not be read, an error we do not know — may have sent the email.
 */
export function sesRefusedOrNeverReached(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { $metadata, code, name, message } = error as { $metadata?: { httpStatusCode?: number }; code?: unknown; name?: unknown; message?: unknown };
  const status = $metadata?.httpStatusCode;
  if (typeof status === 'number') return status >= 300;
  if (typeof code === 'string' && NOT_CONNECTED_CODES.has(code)) return true;
  // The SDK resolves credentials and signs before it opens a connection.
  if (name === 'CredentialsProviderError') return true;
  // The SDK's connect timeout (node-http-handler): it fires only while the socket is still connecting.
  return name === 'TimeoutError' && typeof message === 'string' && message.includes('did not establish a connection');
}

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const { name, code } = error as { name?: unknown; code?: unknown };
  return [name, code].filter((part) => typeof part === 'string').join(' ') || 'unknown';
}
