// `rm-radar clients show|set-last-contact` and `rm-radar touch log`: look at one client, correct its last contact, record an interaction.
import { Option, type Command } from 'commander';
import { channels, displayName, type Channel, type IsoDate, type Loan } from '../../lambdas/core/model.ts';
import { businessDateOf } from '../../lambdas/core/dates/calendar.ts';
import { daysPastDueOn } from '../../lambdas/core/loans.ts';
import type { ClientDossier } from '../../lambdas/core/store/radar-store.ts';
import type { CliContext } from './context.ts';
import { ValidationError } from '../../lambdas/core/errors.ts';
import { contactTimeOption, dateOption } from './options.ts';

export function registerClientCommands(program: Command, context: CliContext): void {
  const clients = program.command('clients').description('look at clients');
  clients
    .command('show')
    .description('a client with contacts, loans, life events, open follow-ups and recent touches')
    .argument('<clientId>', 'the client id')
    .option('--json', 'print as JSON')
    .action(async (clientId: string, options: { json?: boolean }) => {
      const dossier = await context.store.getDossier(clientId);
      const today = businessDateOf(context.clock.now(), context.config.timeZone);
      context.print(options.json ? JSON.stringify(dossier, null, 2) : formatDossier(dossier, today));
    });

  const touch = program.command('touch').description('the interaction log');
  touch
    .command('log')
    .description("log a touch with a client; moves the client's last contact")
    .requiredOption('--client <id>', 'the client id')
    .addOption(new Option('--channel <channel>', 'how you were in touch').choices(channels).makeOptionMandatory())
    .option('--outcome <text>', 'what came of it, in a few words')
    .option('--note <text>', 'a note')
    .option('--follow-up <date>', 'a follow-up you promised, due on this date', dateOption)
    .option('--at <datetime>', 'when it happened (default: now); local time in the configured zone, or ISO with offset')
    .option('--complete-follow-ups', "mark the client's open follow-ups done")
    .action(async (options: { client: string; channel: Channel; outcome?: string; note?: string; followUp?: string; at?: string; completeFollowUps?: boolean }) => {
      const at = contactTimeOption(options.at, context.config.timeZone, context.clock.now());
      const openFollowUps = options.completeFollowUps
        ? (await context.store.getDossier(options.client)).followUps.filter((f) => f.status === 'open').map((f) => f.touchId)
        : [];
      const touch = await context.store.logTouch({
        clientId: options.client,
        channel: options.channel,
        at,
        outcome: options.outcome,
        note: options.note,
        followUpOn: options.followUp,
        completesFollowUps: openFollowUps,
        source: 'cli',
      });
      context.print(`logged ${touch.channel} with ${touch.clientId} at ${touch.at} (touch ${touch.touchId})`);
      if (touch.followUpOn) context.print(`follow-up due ${touch.followUpOn}`);
      if (openFollowUps.length > 0) context.print(`${openFollowUps.length} open follow-ups marked done`);
    });

  clients
    .command('set-last-contact')
    .description("correct a client's last contact (a wrong or future date): set it, earlier or later, or clear it")
    .argument('<clientId>', 'the client id')
    .option('--at <datetime>', 'the real last contact; local time in the configured zone, or ISO with offset')
    .option('--never', 'the client was never contacted: clear the last contact')
    .action(async (clientId: string, options: { at?: string; never?: boolean }) => {
      if (!options.at === !options.never) throw new ValidationError('give either --at <datetime> or --never');
      const at = options.at === undefined ? undefined : contactTimeOption(options.at, context.config.timeZone, context.clock.now());
      const { previous } = await context.store.correctLastContact(clientId, at);
      context.print(`last contact of ${clientId}: ${previous ?? 'never'} → ${at ?? 'never'}`);
    });
}

/** Days past due are counted to `today` (the business date in the configured zone). */
function formatDossier(d: ClientDossier, today: IsoDate): string {
  const c = d.client;
  const money = (n: number) => n.toLocaleString('en-US');
  const lines = [
    `${displayName(c)} (${c.clientId}) — ${c.kind}, tier ${c.tier}, RM ${c.rmId}${c.industry ? `, ${c.industry}` : ''}`,
    `  balances: demand ${money(c.balances.demandDeposits)}, time ${money(c.balances.timeDeposits)}, AUM ${money(c.balances.aum)}`,
    `  products: ${c.productsHeld.join(', ') || '—'}`,
    `  last contact: ${c.lastContactAt ?? 'never'}${c.doNotContact ? ' · DO NOT CONTACT' : ''}${c.snoozedUntil ? ` · snoozed until ${c.snoozedUntil}` : ''}`,
    'contacts:',
    ...d.contacts.map((p) => `  ${p.name}${p.role ? ` (${p.role})` : ''}${p.phone ? ` ${p.phone}` : ''}${p.birthday ? ` · birthday ${p.birthday.monthDay}${p.birthday.calendar === 'lunar' ? ' (lunar)' : ''}` : ''}`),
    'loans:',
    ...d.loans.map((l) => `  ${l.loanId}: ${l.currency} ${money(l.amount)}, ${l.startDate} → ${l.maturityDate}${pastDue(l, today)}`),
    'life events:',
    ...d.events.map((e) => `  ${e.date} ${e.kind}${e.recurrence === 'yearly' ? ' (yearly)' : ''}${e.note ? `: ${e.note}` : ''}`),
    'open follow-ups:',
    ...d.followUps.filter((f) => f.status === 'open').map((f) => `  due ${f.dueOn}${f.note ? `: ${f.note}` : ''}`),
    'recent touches:',
    ...d.touches.map((t) => `  ${t.at} ${t.channel}${t.outcome ? ` — ${t.outcome}` : ''}${t.note ? `: ${t.note}` : ''}`),
  ];
  return lines.join('\n');
}

function pastDue(loan: Loan, today: IsoDate): string {
  const days = daysPastDueOn(loan, today);
  if (days === 0) return '';
  return `, ${days} days past due${loan.pastDueSince ? ` (since ${loan.pastDueSince})` : ' (as last imported)'}`;
}
