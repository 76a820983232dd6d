// `rm-radar run <job>`: runs a scheduled job on demand, the same code the Lambda runs.
import type { Command } from 'commander';
import { jobs } from '../../lambdas/jobs.ts';
import type { JobSummary } from '../../lambdas/core/job.ts';
import type { CliContext } from './context.ts';
import { dateOption } from './options.ts';
import { ValidationError } from '../../lambdas/core/errors.ts';

export function registerRunCommands(program: Command, context: CliContext): void {
  program
    .command('run')
    .description(`run a job now for a business date: ${Object.keys(jobs).join(', ') || '(no jobs yet)'}`)
    .argument('<job>', 'the job to run')
    .option('--date <date>', 'business date (YYYY-MM-DD); default: today in the configured time zone', dateOption)
    .action(async (jobName: string, options: { date?: string }) => {
      const job = jobs[jobName];
      if (!job) throw new ValidationError(`unknown job "${jobName}"; choose one of: ${Object.keys(jobs).join(', ')}`);
      const summary = await job(context.deps, { businessDate: options.date });
      context.print(formatSummary(summary));
      if (summary.emails.failed > 0) process.exitCode = 1;
    });
}

/** One line per job: what it read and what it sent. */
export function formatSummary(summary: JobSummary): string {
  if (summary.skipped) return `${summary.job} ${summary.businessDate}: skipped (${summary.skipped})`;
  const read = Object.entries(summary.read).map(([what, count]) => `${count} ${what}`).join(', ') || 'nothing';
  const { sent, alreadySent, failed, notNeeded, suppressed } = summary.emails;
  return (
    `${summary.job} ${summary.businessDate}: read ${read}; emails sent ${sent}, already sent ${alreadySent}, failed ${failed}, nothing to send ${notNeeded}` +
    `, suppressed ${suppressed}${suppressed > 0 ? ' (flagged addresses: see `rm-radar rms list`)' : ''}`
  );
}
