// `rm-radar loans close`: remove a repaid or closed loan, so it leaves the arrears, maturity and call lists.
import type { Command } from 'commander';
import type { CliContext } from './context.ts';

export function registerLoanCommands(program: Command, context: CliContext): void {
  const loans = program.command('loans').description('manage loans outside the imports');
  loans
    .command('close')
    .description('delete a repaid or closed loan of a client (it leaves the call lists and reminders)')
    .argument('<loanId>', 'the loan id')
    .requiredOption('--client <clientId>', 'the client the loan belongs to')
    .action(async (loanId: string, options: { client: string }) => {
      // A conditional delete: a wrong id is an error, never a silent no-op.
      const closed = await context.store.closeLoan(options.client, loanId);
      context.print(`closed loan ${closed.loanId} of client ${closed.clientId} (${closed.currency} ${closed.amount.toLocaleString('en-US')})`);
    });
}
