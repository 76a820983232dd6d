// `rm-radar call-list show|done|snooze|skip`: review an RM's stored call list and record what came of each line.
import { Option, type Command } from 'commander';
import { channels, type Channel, type IsoDate } from '../../lambdas/core/model.ts';
import { businessDateOf } from '../../lambdas/core/dates/calendar.ts';
import { NotFoundError } from '../../lambdas/core/errors.ts';
import { recordCall, skipLine, snoozeClient, type ActionDeps, type Actor } from '../../lambdas/call-list/actions.ts';
import { CallListStore } from '../../lambdas/call-list/store.ts';
import { callListRows } from '../../lambdas/call-list/csv.ts';
import { toCsv } from '../../lambdas/core/csv-write.ts';
import { categoryLabels } from '../../lambdas/call-list/lines.ts';
import type { LineStatus, StoredCallList } from '../../lambdas/call-list/model.ts';
import type { CliContext } from './context.ts';
import { contactTimeOption, dateOption } from './options.ts';

const formats = ['table', 'csv', 'json'] as const;

export function registerCallListCommands(program: Command, context: CliContext): void {
  const callList = program.command('call-list').description("review an RM's daily call list and record calls");
  const lists = () => new CallListStore(context.store.table);
  const today = () => businessDateOf(context.clock.now(), context.config.timeZone);

  /** The list asked for: that date's, or the RM's latest on or before today. */
  const findList = async (rmId: string, date: IsoDate | undefined): Promise<StoredCallList | undefined> =>
    date ? lists().get(rmId, date) : lists().latest(rmId, today());

  callList
    .command('show')
    .description("show an RM's stored call list (default: the latest one up to today)")
    .requiredOption('--rm <id>', 'the RM id')
    .option('--date <date>', 'the business date of the list (YYYY-MM-DD)', dateOption)
    .addOption(new Option('--format <format>', 'output format').choices(formats).default('table'))
    .action(async (options: { rm: string; date?: IsoDate; format: (typeof formats)[number] }) => {
      const list = await findList(options.rm, options.date);
      if (!list) {
        const when = options.date ? `for ${options.date}` : `up to ${today()}`;
        throw new NotFoundError(
          `no call list stored for RM ${options.rm} ${when}; build and send it with \`rm-radar run call-list${options.date ? ` --date ${options.date}` : ''}\``,
        );
      }
      if (options.format === 'json') context.print(JSON.stringify(list, null, 2));
      else if (options.format === 'csv') process.stdout.write(toCsv(callListRows(list)));
      else context.print(formatTable(list));
    });

  callList
    .command('done')
    .description('record a call with a client: logs a touch (so the client leaves the next lists) and marks the line done')
    .argument('<clientId>', 'the client id')
    .requiredOption('--outcome <text>', 'what came of it, in a few words')
    .option('--note <text>', 'a note')
    .option('--follow-up <date>', 'a follow-up you promised, due on this date', dateOption)
    .addOption(new Option('--channel <channel>', 'how you were in touch').choices(channels).default('call'))
    .option('--at <datetime>', 'when it happened (default: now); local time in the configured zone, or ISO with offset')
    .option('--date <date>', "the list's business date (default: the latest list up to today)", dateOption)
    .action(
      async (
        clientId: string,
        options: { outcome: string; note?: string; followUp?: IsoDate; channel: Channel; at?: string; date?: IsoDate },
      ) => {
        const at = contactTimeOption(options.at, context.config.timeZone, context.clock.now());
        const { touch, list, lineMarked } = await recordCall(actionDeps(context), CLI_ACTOR, clientId, {
          outcome: options.outcome,
          note: options.note,
          followUpOn: options.followUp,
          channel: options.channel,
          at,
          businessDate: options.date,
        });
        context.print(`logged ${touch!.channel} with ${clientId} at ${touch!.at}`);
        if (touch!.followUpOn) context.print(`follow-up due ${touch!.followUpOn}`);
        reportLine(context, list, clientId, lineMarked, 'done');
      },
    );

  callList
    .command('snooze')
    .description('keep a client off the call lists until a date (it is back on that date)')
    .argument('<clientId>', 'the client id')
    .requiredOption('--until <date>', 'the first date the client may be listed again', dateOption)
    .option('--note <text>', 'why, for the record')
    .option('--date <date>', "the list's business date (default: the latest list up to today)", dateOption)
    .action(async (clientId: string, options: { until: IsoDate; note?: string; date?: IsoDate }) => {
      const { list, lineMarked } = await snoozeClient(actionDeps(context), CLI_ACTOR, clientId, {
        until: options.until,
        note: options.note,
        businessDate: options.date,
      });
      context.print(`${clientId} snoozed until ${options.until}`);
      reportLine(context, list, clientId, lineMarked, 'snoozed');
    });

  callList
    .command('skip')
    .description("mark a line skipped today; the client stays eligible for the next lists")
    .argument('<clientId>', 'the client id')
    .option('--note <text>', 'why, for the record')
    .option('--date <date>', "the list's business date (default: the latest list up to today)", dateOption)
    .action(async (clientId: string, options: { note?: string; date?: IsoDate }) => {
      const { list } = await skipLine(actionDeps(context), CLI_ACTOR, clientId, { note: options.note, businessDate: options.date });
      reportLine(context, list, clientId, true, 'skipped');
    });
}

/** The CLI is run by an operator: any client, recorded as from the CLI. */
const CLI_ACTOR: Actor = { source: 'cli' };

function actionDeps(context: CliContext): ActionDeps {
  return { store: context.store, clock: context.clock, timeZone: context.config.timeZone };
}

function reportLine(context: CliContext, list: StoredCallList | undefined, clientId: string, marked: boolean, status: LineStatus): void {
  if (!marked || !list) {
    context.print(`(client ${clientId} is not on a stored call list${list ? ` for ${list.businessDate}` : ''}; no line to mark)`);
    return;
  }
  context.print(`line marked ${status} on the call list of ${list.rmId} for ${list.businessDate}`);
}

/** A fixed-width table; Chinese characters take two columns in a terminal. */
export function formatTable(list: StoredCallList): string {
  const labels = categoryLabels[list.locale];
  const done = list.lines.filter((line) => line.status !== 'open').length;
  const title = `call list of ${list.rmId} for ${list.businessDate}: ${list.lines.length} lines, ${done} handled${
    list.overflow > 0 ? `, ${list.overflow} more eligible did not fit` : ''
  } (${list.candidatesConsidered} candidates considered)`;
  if (list.lines.length === 0) return `${title}\n(no clients to call)`;
  const rows = [
    ['#', 'status', 'category', 'client', 'contact', 'phone', 'reason'],
    ...list.lines.map((line) => [
      String(line.rank),
      line.status,
      `${line.flag === 'red' ? '!' : ' '} ${labels[line.category]}`,
      `${line.clientName} (${line.clientId})`,
      [line.contact?.name, line.contact?.role ? `(${line.contact.role})` : ''].filter(Boolean).join(' '),
      line.contact?.phone ?? '',
      line.reason,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? ''))));
  const pad = (value: string, width: number) => value + ' '.repeat(Math.max(0, width - displayWidth(value)));
  const body = rows.map((row) =>
    row.map((value, column) => (column === row.length - 1 ? value : pad(value, widths[column]!))).join('  ').trimEnd(),
  );
  return [title, ...body].join('\n');
}

function displayWidth(value: string): number {
  let width = 0;
  for (const char of value) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}
