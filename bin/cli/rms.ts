// `rm-radar rms list|unflag`: the RMs with their email status; clear a bounce/complaint flag once an address is fixed.
import type { Command } from 'commander';
import { NotFoundError } from '../../lambdas/core/errors.ts';
import type { Rm } from '../../lambdas/core/model.ts';
import { clearEmailStatus, getEmailStatuses, isFlagged, normaliseAddress, type EmailStatus } from '../../lambdas/core/store/email-status.ts';
import type { CliContext } from './context.ts';

export function registerRmsCommands(program: Command, context: CliContext): void {
  const rms = program.command('rms').description('relationship managers and the state of their email addresses');

  rms
    .command('list')
    .description('every RM with locale, industries, daily call capacity and email status (flagged addresses get no emails)')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const all = await context.store.listRms();
      const statuses = await getEmailStatuses(context.store.table, all.map((rm) => rm.email));
      const rows = all.map((rm) => ({ rm, status: statuses.get(normaliseAddress(rm.email)) }));
      if (options.json) {
        context.print(JSON.stringify(rows.map(({ rm, status }) => ({ ...summaryOf(rm), emailStatus: status ?? null })), null, 2));
        return;
      }
      context.print(formatRmTable(rows));
      const flagged = rows.filter(({ status }) => isFlagged(status)).length;
      if (flagged > 0) {
        context.print();
        context.print(`${flagged} flagged: their call lists and digests are stored but not emailed (reminders: \`rm-radar reminders show\`).`);
        context.print('Fix the address (re-import the RM) or the mailbox, then `rm-radar rms unflag ADDRESS`.');
      }
    });

  rms
    .command('unflag')
    .description("clear the bounce/complaint flag of an address after the RM's mailbox or address was fixed; the next run emails it")
    .argument('<address>', 'the email address, as `rms list` shows it')
    .action(async (address: string) => {
      const cleared = await clearEmailStatus(context.store.table, address, context.clock.now());
      if (!cleared) throw new NotFoundError(`${normaliseAddress(address)} is not flagged; \`rm-radar rms list\` shows flagged addresses`);
      context.print(`${normaliseAddress(address)} unflagged: the next run of each job emails it.`);
      context.print('If SES also lists it as suppressed (account or configuration set), remove it there too: see docs/deploy.md "Bounces and complaints".');
    });
}

function summaryOf(rm: Rm) {
  return { rmId: rm.rmId, email: rm.email, locale: rm.locale, industries: rm.industries.length, dailyCallCapacity: rm.dailyCallCapacity };
}

/** "ok", or what flagged the address and since when; transient bounces are shown but do not block. */
export function describeEmailStatus(status: EmailStatus | undefined): string {
  if (!status) return 'ok';
  if (isFlagged(status)) {
    const events = status.eventCount === 1 ? '1 event' : `${status.eventCount} events`;
    return `FLAGGED ${status.status} (${status.reason}) since ${status.firstEventAt}, ${events} — not emailed`;
  }
  return status.transientBounces > 0 ? `ok (${status.transientBounces} transient bounces, last ${status.lastTransientAt})` : 'ok';
}

export function formatRmTable(rows: Array<{ rm: Rm; status: EmailStatus | undefined }>): string {
  if (rows.length === 0) return 'no RMs yet; import them with `rm-radar import rms FILE`';
  const table = [
    ['RM', 'EMAIL', 'LOCALE', 'INDUSTRIES', 'CAPACITY', 'EMAIL STATUS'],
    ...rows.map(({ rm, status }) => [rm.rmId, rm.email, rm.locale, String(rm.industries.length), String(rm.dailyCallCapacity), describeEmailStatus(status)]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  return table.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')).join('\n');
}
