// `rm-radar runs show`: the run record of each job and date — planned, done, each outcome, started and finished.
import type { Command } from 'commander';
import { isJobName, JOB_NAMES } from '../../lambdas/job-descriptors.ts';
import { listRecentRuns, readRun, type RunRecord } from '../../lambdas/core/fanout/run-record.ts';
import { ValidationError } from '../../lambdas/core/errors.ts';
import type { IsoDate } from '../../lambdas/core/model.ts';
import type { CliContext } from './context.ts';
import { dateOption } from './options.ts';

/** Runs listed when no date is given. */
const RECENT_RUNS = 10;

export function registerRunsCommands(program: Command, context: CliContext): void {
  const runs = program.command('runs').description('what the jobs did: one run record per job and business date');
  runs
    .command('show')
    .description(`show runs, newest first (jobs: ${JOB_NAMES.join(', ')})`)
    .option('--job <job>', 'only this job')
    .option('--date <date>', 'only this business date (YYYY-MM-DD)', dateOption)
    .action(async (options: { job?: string; date?: IsoDate }) => {
      if (options.job !== undefined && !isJobName(options.job)) throw new ValidationError(`unknown job "${options.job}"; choose one of: ${JOB_NAMES.join(', ')}`);
      const table = context.store.table;
      const wanted = options.date
        ? (options.job ? [options.job] : JOB_NAMES).map((job) => ({ job, businessDate: options.date! }))
        : await listRecentRuns(table, { job: options.job, limit: RECENT_RUNS });
      const found = (await Promise.all(wanted.map((run) => readRun(table, run.job, run.businessDate)))).filter((run): run is RunRecord => run !== undefined);
      if (found.length === 0) {
        context.print(`no runs${options.job ? ` of ${options.job}` : ''}${options.date ? ` on ${options.date}` : ''}`);
        return;
      }
      for (const run of found) context.print(formatRun(run));
    });
}

/** One line per run. */
export function formatRun(run: RunRecord): string {
  const { sent, alreadySent, failed, suppressed, maybeSent, notNeeded, requeued } = run.counts;
  const state = run.complete ? `complete at ${run.finishedAt ?? '?'}` : run.plannedAt ? 'in progress' : 'planning';
  return (
    `${run.job} ${run.businessDate}: ${state}; planned ${run.planned ?? '?'}, done ${run.done}` +
    ` (sent ${sent}, already sent ${alreadySent}, nothing to send ${notNeeded}, suppressed ${suppressed}, maybe sent ${maybeSent}), failed ${failed}` +
    (requeued > 0 ? `, requeued ${requeued} (SES throttled them; each comes back later)` : '') +
    `; started ${run.startedAt}${run.sendRate !== undefined ? `, paced at ${run.sendRate}/s` : ''}`
  );
}
