// Sending email: MIME composed by nodemailer, delivered with SES SendRawEmail.
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

export interface Attachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
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
  /** Sends one email and returns the provider's message id. */
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
    attachments: email.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
  });
  return composer.compile().build();
}

export class SesMailer implements Mailer {
  private readonly ses: SESClient;
  private readonly from: string;
  private readonly configurationSet: string | undefined;

  constructor(from: string, options: { ses?: SESClient; configurationSet?: string } = {}) {
    this.from = from;
    // Bounded, so a hanging call fails (and releases its claim) well within the claim's lease.
    this.ses = options.ses ?? new SESClient({ requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 } });
    this.configurationSet = options.configurationSet;
  }

  async send(email: OutgoingEmail): Promise<string> {
    const raw = await composeMime(this.from, email);
    const result = await this.ses.send(
      new SendRawEmailCommand({
        RawMessage: { Data: raw },
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
      }),
    );
    return result.MessageId ?? '';
  }
}
