// `rm-radar reminders …`: preview an RM's touch reminders without sending, list festival dates of a year.
import type { Command } from 'commander';
import { resolveBusinessDate } from '../../lambdas/core/job.ts';
import { collectReminders } from '../../lambdas/touch-reminders/job.ts';
import { renderReminderEmail } from '../../lambdas/touch-reminders/email.ts';
import { festivalDatesBetween, festivalsFromConfig } from '../../lambdas/touch-reminders/festivals.ts';
import { reminderWindow } from '../../lambdas/touch-reminders/occasions.ts';
import type { CliContext } from './context.ts';
import { dateOption, positiveIntOption } from './options.ts';
import { NotFoundError, ValidationError } from '../../lambdas/core/errors.ts';

export function registerReminderCommands(program: Command, context: CliContext): void {
  const reminders = program.command('reminders').description('touch reminders: birthdays, anniversaries, events, follow-ups, loans, festivals');

  reminders
    .command('show')
    .description('preview the reminder email of an RM for a business date, without sending it')
    .requiredOption('--rm <id>', 'the RM id')
    .option('--date <date>', 'business date (YYYY-MM-DD); default: today in the configured time zone', dateOption)
    .option('--html', 'print the HTML body instead of the plain text')
    .option('--json', 'print the reminders as JSON')
    .action(async (options: { rm: string; date?: string; html?: boolean; json?: boolean }) => {
      const rm = await context.store.getRm(options.rm);
      if (!rm) throw new NotFoundError(`no RM with id ${options.rm}`);
      const { businessDate, calendar, isBusinessDay } = resolveBusinessDate(context.deps, { businessDate: options.date });
      if (!isBusinessDay) {
        context.print(
          `${businessDate} is not a business day: nothing is sent; its reminders come on ${calendar.nextBusinessDay(businessDate)}.`,
        );
        return;
      }
      const collected = await collectReminders(context.deps, rm, reminderWindow(businessDate, calendar));
      if (options.json) {
        context.print(JSON.stringify({ businessDate, coveredDays: collected.window.coveredDays, reminders: collected.reminders }, null, 2));
        return;
      }
      if (collected.reminders.length === 0) {
        context.print(`nothing due for ${rm.rmId} on ${businessDate}: no email would be sent.`);
        return;
      }
      const email = renderReminderEmail(collected);
      context.print(`To: ${email.to}`);
      context.print(`Subject: ${email.subject}`);
      context.print();
      context.print(options.html ? email.html : email.text);
    });

  reminders
    .command('festivals')
    .description('the Gregorian dates of the configured festivals in a year (lunar ones converted)')
    .option('--year <year>', 'the year; default: this year', positiveIntOption)
    .action((options: { year?: number }) => {
      const year = options.year ?? Number(resolveBusinessDate(context.deps).businessDate.slice(0, 4));
      if (year < 1901 || year > 2099) throw new ValidationError(`--year ${year} is outside 1901–2099, the range of the lunar calendar tables`);
      for (const festival of festivalsFromConfig(context.config.reminders.festivals)) {
        const dates = festivalDatesBetween(festival, `${year}-01-01`, `${year}-12-31`);
        context.print(`${dates.join(', ') || '—'}  ${festival.names.en} / ${festival.names['zh-CN']} (${festival.calendar} ${festival.monthDay})`);
      }
    });
}
