// The send-outcome tally every job uses, and how the CLI shows an RM's email status.
import { describe, expect, it } from 'vitest';
import { emptySummary, recordSendOutcome } from '../../../lambdas/core/job.ts';
import { rm } from '../../../lambdas/core/model.ts';
import { formatSummary } from '../../../bin/cli/run.ts';
import { describeEmailStatus, formatRmTable } from '../../../bin/cli/rms.ts';
import type { Log } from '../../../lambdas/core/log.ts';

describe('recordSendOutcome', () => {
  it('counts each outcome and warns about a suppressed email with the RM id only', () => {
    const warnings: unknown[] = [];
    const log: Log = { debug() {}, info() {}, error() {}, warn: (message, extra) => warnings.push({ message, extra }) };
    const summary = emptySummary('call-list', '2026-03-05');
    for (const outcome of ['sent', 'sent', 'already-sent', 'failed', 'suppressed'] as const) recordSendOutcome(summary, outcome, log, 'rm-1');
    expect(summary.emails).toEqual({ sent: 2, alreadySent: 1, failed: 1, notNeeded: 0, suppressed: 1, maybeSent: 0 });
    expect(warnings).toEqual([{ message: expect.stringContaining('suppressed'), extra: { job: 'call-list', rmId: 'rm-1', businessDate: '2026-03-05' } }]);
    expect(formatSummary(summary)).toMatch(/failed 1, nothing to send 0, suppressed 1 \(flagged addresses: see `rm-radar rms list`\)$/);
  });
});

describe('rms list', () => {
  const grace = rm.parse({ rmId: 'rm-1', name: 'Grace', email: 'grace@bank.example', locale: 'en', industries: [{ name: 'Steel', keywords: ['steel'] }] });

  it('marks a flagged address and shows transient bounces without blocking', () => {
    expect(describeEmailStatus(undefined)).toBe('ok');
    expect(describeEmailStatus({ address: 'a', eventCount: 0, transientBounces: 2, lastTransientAt: '2026-03-05T00:45:00.000Z' })).toBe(
      'ok (2 transient bounces, last 2026-03-05T00:45:00.000Z)',
    );
    const flagged = { address: 'a', status: 'complained' as const, reason: 'complaint/abuse', firstEventAt: '2026-03-05T01:02:30.000Z', eventCount: 1, transientBounces: 0 };
    expect(describeEmailStatus(flagged)).toBe('FLAGGED complained (complaint/abuse) since 2026-03-05T01:02:30.000Z, 1 event — not emailed');
    const table = formatRmTable([{ rm: grace, status: flagged }]).split('\n');
    expect(table[0]).toMatch(/^RM +EMAIL +LOCALE +INDUSTRIES +CAPACITY +EMAIL STATUS$/);
    expect(table[1]).toMatch(/^rm-1 +grace@bank\.example +en +1 +15 +FLAGGED complained/);
    expect(formatRmTable([])).toContain('no RMs yet');
  });
});
