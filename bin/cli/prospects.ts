// `rm-radar prospects show|day`: what the prospect radar knows about a company, and what it found on a day.
import type { Command } from 'commander';
import { NotFoundError, ValidationError } from '../../lambdas/core/errors.ts';
import { businessDateOf } from '../../lambdas/core/dates/calendar.ts';
import { ProspectStore } from '../../lambdas/prospect-scan/prospect-store.ts';
import { prospectKey } from '../../lambdas/core/company-name.ts';
import { STAGE_LABELS, TYPE_LABELS } from '../../lambdas/prospect-scan/next-steps.ts';
import type { CliContext } from './context.ts';
import { dateOption } from './options.ts';

const stage = (value: string | undefined) => (value ? STAGE_LABELS.en[value as keyof (typeof STAGE_LABELS)['en']] : '');
const type = (value: string) => TYPE_LABELS.en[value as keyof (typeof TYPE_LABELS)['en']] ?? value;

export function registerProspectCommands(program: Command, context: CliContext): void {
  const prospects = program.command('prospects').description('look at what the prospect radar has filed: companies and daily finds');

  prospects
    .command('show')
    .description('a company’s prospect record: first seen, latest IPO stage, and its history with sources')
    .argument('<company>', 'the company name, in any script and with or without 有限公司/Inc./Ltd.')
    .option('--json', 'print the record as JSON')
    .action(async (company: string, options: { json?: boolean }) => {
      const key = prospectKey(company);
      if (!key) throw new ValidationError(`"${company}" is not a company name`);
      const record = await new ProspectStore(context.store.table).getProspect(key);
      if (!record) throw new NotFoundError(`no prospect filed under "${company}" (key "${key}")`);
      if (options.json) {
        context.print(JSON.stringify(record));
        return;
      }
      context.print(`${record.name}${record.aliases.length > 0 ? ` (also ${record.aliases.join(', ')})` : ''}`);
      context.print(`  first seen ${record.firstSeenOn}, last seen ${record.lastSeenOn}`);
      if (record.latestStage) context.print(`  latest IPO stage: ${stage(record.latestStage)} (since ${record.latestStageOn})`);
      for (const event of record.events) {
        context.print(`  ${event.on}  ${type(event.type)}${event.stage ? ` · ${stage(event.stage)}` : ''}  ${event.title}`);
        for (const source of event.sources) context.print(`      ${source.feedName}${source.link ? `  ${source.link}` : ''}`);
      }
    });

  prospects
    .command('day')
    .description('the stories the radar filed on a business date, per RM, and whether they were emailed')
    .option('--date <date>', 'business date (YYYY-MM-DD); default: today in the configured time zone', dateOption)
    .option('--rm <rmId>', 'only this RM')
    .option('--json', 'one JSON line per entry')
    .action(async (options: { date?: string; rm?: string; json?: boolean }) => {
      const date = options.date ?? businessDateOf(context.clock.now(), context.config.timeZone);
      const entries = (await new ProspectStore(context.store.table).listEntriesOn(date)).filter((entry) => !options.rm || entry.rmId === options.rm);
      if (options.json) {
        for (const entry of entries) context.print(JSON.stringify(entry));
        return;
      }
      if (entries.length === 0) {
        context.print(`no stories filed on ${date}${options.rm ? ` for ${options.rm}` : ''}`);
        return;
      }
      for (const entry of entries.sort((a, b) => a.rmId.localeCompare(b.rmId) || a.category.localeCompare(b.category))) {
        const what = `${type(entry.primary.type)}${entry.primary.stage ? ` · ${stage(entry.primary.stage)}` : ''}`;
        const sent = entry.sentOn ? `emailed ${entry.sentOn}` : 'not emailed yet';
        context.print(`${entry.rmId}  [${entry.category}] ${entry.company} — ${what} — ${entry.title}  (${sent})`);
      }
    });
}
