#!/usr/bin/env node
// `npm start`: the whole product on this machine — DynamoDB Local, local SES, demo feeds, every job, the drop zone.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { loadConfig } from '../lambdas/core/config.ts';
import { createJobDeps } from '../lambdas/core/deps.ts';
import { BusinessCalendar, businessDateOf, localTimeToInstant } from '../lambdas/core/dates/calendar.ts';
import { fixedClock, systemClock } from '../lambdas/core/clock.ts';
import { consoleLog } from '../lambdas/core/log.ts';
import { isoDate, type IsoDate } from '../lambdas/core/model.ts';
import { ensureTable } from '../lambdas/core/store/create-table.ts';
import { entities } from '../lambdas/core/store/entities.ts';
import { jobs } from '../lambdas/jobs.ts';
import { TEAM_REPORT_SEND } from '../lambdas/portfolio-report/job.ts';
import { loadDemoBook } from '../demo/load-demo.ts';
import { registerDemoFeeds, startDemoFeedServer } from '../demo/demo-feeds.ts';
import { formatSummary } from './cli/run.ts';
import { startLocalSqs } from './local/local-sqs.ts';
import { runOnSqs } from './local/run-on-sqs.ts';
import { LocalSetupError, localAwsEnvironment, localSesEml, startDynamoDbLocal, startLocalSes, type RunningService } from './local/services.ts';
import { listSent } from '../lambdas/core/store/send-claims.ts';
import type { JobDeps } from '../lambdas/core/job.ts';
import { signedEmailLinks } from '../lambdas/web/email-links.ts';
import { localSigningKeys, startWorkbench } from './local/workbench.ts';
import { startLocalDropZone } from './local/drop-zone.ts';

const USAGE = `Usage: npm start -- [options]

Runs rm-radar locally: DynamoDB Local, the local SES (web inbox) and the demo feeds,
loads the demo data on first run, runs every job for the business date, keeps the inbox open
and imports every CSV file dropped under <data-dir>/incoming/<entity>/ (report under reports/).

Options:
  --date YYYY-MM-DD     business date to run for (default: today, or the next business day)
  --once                run the jobs and import what is in the drop zone, save every job email as .eml, exit
  --reset               delete the local state first (table, sent markers) and load the demo again
  --data-dir DIR        where the local state lives (default: .local)
  --dynamodb-port N     default 8000
  --ses-port N          default 8005
  --feeds-port N        default 8010
  --web-port N          the workbench, default 8020
  -h, --help            this text`;

const TABLE_NAME = 'rm-radar';
const SENDER = 'rm-radar@bank.example';
const OPERATOR = 'rm-radar-operator@bank.example';
const DEMO_MARKER = entities.localDemo.key();
const DROP_ZONE_POLL_MS = 2_000;

interface Options {
  date?: IsoDate;
  once: boolean;
  reset: boolean;
  dataDir: string;
  ports: { dynamodb: number; ses: number; feeds: number; web: number };
}

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      date: { type: 'string' },
      once: { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: '.local' },
      'dynamodb-port': { type: 'string', default: '8000' },
      'ses-port': { type: 'string', default: '8005' },
      'feeds-port': { type: 'string', default: '8010' },
      'web-port': { type: 'string', default: '8020' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return undefined;
  if (values.date && !isoDate.safeParse(values.date).success) throw new LocalSetupError(`--date "${values.date}" is not a date (YYYY-MM-DD)`);
  const port = (name: string, value: string) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65_535) throw new LocalSetupError(`--${name} "${value}" is not a port number`);
    return parsed;
  };
  return {
    date: values.date,
    once: values.once,
    reset: values.reset,
    dataDir: resolve(values['data-dir']),
    ports: {
      dynamodb: port('dynamodb-port', values['dynamodb-port']),
      ses: port('ses-port', values['ses-port']),
      feeds: port('feeds-port', values['feeds-port']),
      web: port('web-port', values['web-port']),
    },
  };
}

async function run(options: Options): Promise<void> {
  const services: RunningService[] = [];
  const stopAll = () => Promise.all(services.reverse().map((service) => service.stop().catch(() => undefined)));
  try {
    if (options.reset) await rm(options.dataDir, { recursive: true, force: true });
    const dbDir = join(options.dataDir, 'dynamodb');
    await mkdir(dbDir, { recursive: true });

    const dynamodb = await startDynamoDbLocal({ port: options.ports.dynamodb, dataDir: dbDir });
    services.push(dynamodb);
    const ses = await startLocalSes({ port: options.ports.ses });
    services.push(ses);
    // The jobs' work queues, as in AWS (fauxqs, in this process, on a free port).
    const sqs = await startLocalSqs();
    services.push({ url: sqs.url, port: Number(new URL(sqs.url).port), stop: () => sqs.stop() });

    Object.assign(process.env, localAwsEnvironment(dynamodb.url, ses.url), {
      TABLE_NAME,
      SENDER_EMAIL: SENDER,
      ALLOW_PRIVATE_FEED_HOSTS: 'true',
      DROPZONE_OPERATOR_EMAIL: process.env.DROPZONE_OPERATOR_EMAIL || OPERATOR,
    });
    const config = loadConfig();
    const today = businessDateOf(new Date(), config.timeZone);
    const calendar = new BusinessCalendar(config.calendar);
    const businessDate = options.date ?? (calendar.isBusinessDay(today) ? today : calendar.nextBusinessDay(today));
    if (!options.date && businessDate !== today) console.log(`${today} is not a business day; running for the next one, ${businessDate}.`);

    const feeds = await startDemoFeedServer({ port: options.ports.feeds, businessDate });
    services.push(feeds);

    // A chosen date runs as on that morning, so the news and the days counted fit the date.
    const clock = businessDate === today ? systemClock : fixedClock(localTimeToInstant(businessDate, '07:00', config.timeZone));
    const deps = createJobDeps(config, consoleLog('warn'), clock);
    // The workbench runs beside the inbox; the emails' one-tap links point at it.
    const keys = await localSigningKeys(join(options.dataDir, 'workbench-keys'));
    const workbench = await startWorkbench({ port: options.ports.web, store: deps.store, config, clock, log: consoleLog('warn'), keys });
    services.push(workbench);
    deps.links = signedEmailLinks({ baseUrl: workbench.url, keys, clock });
    await ensureTable(new DynamoDBClient({}), TABLE_NAME);
    const marker = await deps.store.table.doc.send(new GetCommand({ TableName: TABLE_NAME, Key: DEMO_MARKER }));
    if (!marker.Item) {
      const counts = await loadDemoBook(deps.store, { demoDate: businessDate, timeZone: config.timeZone, csvFolder: join(options.dataDir, 'demo-csv'), now: clock.now(), reportWeekday: config.report.weekday });
      counts.feeds = await registerDemoFeeds(deps.store, feeds.url);
      await deps.store.table.doc.send(new PutCommand({ TableName: TABLE_NAME, Item: { ...DEMO_MARKER, demoDate: businessDate } }));
      console.log(`Loaded the demo data (${Object.entries(counts).map(([what, n]) => `${n} ${what}`).join(', ')}); CSV files in ${join(options.dataDir, 'demo-csv')}.`);
    } else {
      console.log(`Demo data already loaded (for ${String(marker.Item.demoDate)}); use --reset to start over.`);
    }

    console.log(`\nRunning ${jobs.length} jobs for ${businessDate} (each a planner and workers on an SQS work queue):`);
    let sentEarlier = 0;
    for (const { name, work } of jobs) {
      const summary = await runOnSqs(work, sqs)(deps, { businessDate });
      console.log(`  ${formatSummary(summary)}`);
      if (summary.job !== name) throw new Error(`job ${name} reported itself as ${summary.job}`);
      sentEarlier += summary.emails.alreadySent;
    }
    if (sentEarlier > 0) {
      console.log(`${sentEarlier} emails for ${businessDate} went out in an earlier session (each is sent once); use --reset or another --date to see them again.`);
    }

    // The drop zone: files already in <data-dir>/incoming/ now, and (unless --once) whatever is dropped later.
    // Files arrive in real time, so the drop zone keeps the real clock even for a chosen --date.
    const dropZone = await startLocalDropZone(options.dataDir, { ...deps, clock: systemClock }, {
      pollMs: options.once ? undefined : DROP_ZONE_POLL_MS,
      print: (line) => console.log(`  ${line}`),
    });
    console.log(`\nDrop zone: ${join(options.dataDir, 'incoming')}/<rms|clients|contacts|loans|events>/ (reports in ${join(options.dataDir, 'reports')})`);
    await dropZone.scan();

    if (options.once) {
      dropZone.stop();
      const folder = join(options.dataDir, 'outbox', businessDate);
      const count = await saveSentEmails(deps, ses.url, businessDate, folder);
      console.log(`\nSaved ${count} emails sent in this run as .eml files in ${folder}`);
      await stopAll();
      return;
    }
    console.log(`\nWorkbench: ${workbench.url}  (sign in as a demo RM; the emails' links open it)`);
    console.log(`Inbox: ${ses.url}  (DynamoDB Local: ${dynamodb.url}, demo feeds: ${feeds.url})`);
    console.log('Try the CLI against this stack in another terminal, e.g.:');
    console.log(`  AWS_ENDPOINT_URL_DYNAMODB=${dynamodb.url} AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local npx rm-radar clients show S002`);
    console.log('Press Ctrl-C to stop.');
    await new Promise<void>((resolveStop) => {
      process.once('SIGINT', () => resolveStop());
      process.once('SIGTERM', () => resolveStop());
    });
    console.log('\nStopping…');
    dropZone.stop();
    await stopAll();
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * Writes the emails the jobs sent for the date as .eml files named after job and RM; returns how many.
 * Emails sent by an earlier session are no longer in the local SES (it keeps mail in memory), so they are skipped.
 */
async function saveSentEmails(deps: JobDeps, sesUrl: string, businessDate: IsoDate, folder: string): Promise<number> {
  await mkdir(folder, { recursive: true });
  const { emails } = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: Array<{ messageId: string }> };
  const held = new Set(emails.map((email) => email.messageId));
  let count = 0;
  // The team reports are claimed under a name of their own, beside the portfolio-report job's.
  for (const job of [...jobs.map(({ name }) => name), TEAM_REPORT_SEND]) {
    for (const { rmId, messageId } of await listSent(deps.store.table, job, businessDate)) {
      if (!held.has(messageId)) continue;
      await writeFile(join(folder, `${job}-${rmId}.eml`), await localSesEml(sesUrl, messageId));
      count += 1;
    }
  }
  return count;
}

try {
  const options = parseOptions(process.argv.slice(2));
  if (!options) console.log(USAGE);
  else await run(options);
} catch (error) {
  // Setup problems (Java, ports, bad options) are one line; a stack trace only when asked for.
  const debug = process.env.RM_RADAR_LOG_LEVEL === 'debug' && !(error instanceof LocalSetupError);
  console.error(`rm-radar local: ${debug ? (error as Error).stack : (error as Error).message}`);
  process.exitCode = 1;
}
