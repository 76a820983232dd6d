// `rm-radar run <job>`: runs a scheduled job on demand, the same code the Lambda runs.
import type { Command } from 'commander';
import { jobNamed } from '../../lambdas/jobs.ts';
import { isJobName, JOB_NAMES } from '../../lambdas/job-descriptors.ts';
import type { JobSummary } from '../../lambdas/core/job.ts';
import type { CliContext } from './context.ts';
import { dateOption } from './options.ts';
import { ValidationError } from '../../lambdas/core/errors.ts';

export function registerRunCommands(program: Command, context: CliContext): void {
  program
    .command('run')
    .description(`run a job now for a business date: ${JOB_NAMES.join(', ')}`)
    .argument('<job>', 'the job to run')
    .option('--date <date>', 'business date (YYYY-MM-DD); default: today in the configured time zone', dateOption)
    .option('--resend-uncertain', "send again the date's emails left maybe-sent (check first that they did not arrive)")
    .action(async (jobName: string, options: { date?: string; resendUncertain?: boolean }) => {
      if (!isJobName(jobName)) throw new ValidationError(`unknown job "${jobName}"; choose one of: ${JOB_NAMES.join(', ')}`);
      const job = jobNamed(jobName);
      if (options.resendUncertain && !options.date) throw new ValidationError('--resend-uncertain needs --date: the business date whose emails to resend');
      const summary = await job(context.deps, { businessDate: options.date, resendMaybeSent: options.resendUncertain === true });
      context.print(formatSummary(summary));
      // A maybe-sent email needs a person: the exit code says so, as for a failed one.
      if (summary.emails.failed > 0 || summary.emails.maybeSent > 0) process.exitCode = 1;
    });
}

/** One line per job: what it read and what it sent. */
export function formatSummary(summary: JobSummary): string {
  if (summary.skipped) return `${summary.job} ${summary.businessDate}: skipped (${summary.skipped})`;
  const read = Object.entries(summary.read).map(([what, count]) => `${count} ${what}`).join(', ') || 'nothing';
  const { sent, alreadySent, failed, notNeeded, suppressed, maybeSent } = summary.emails;
  return (
    `${summary.job} ${summary.businessDate}: read ${read}; emails sent ${sent}, already sent ${alreadySent}, failed ${failed}, nothing to send ${notNeeded}` +
    `, suppressed ${suppressed}${suppressed > 0 ? ' (flagged addresses: see `rm-radar rms list`)' : ''}` +
    (maybeSent > 0
      ? `, maybe sent ${maybeSent} (RMs ${summary.maybeSentRmIds.join(', ')}: SES's answer was lost; check whether the email arrived,` +
        ` then \`rm-radar run ${summary.job} --date ${summary.businessDate} --resend-uncertain\` if it did not)`
      : '')
  );
}
