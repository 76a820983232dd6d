#!/usr/bin/env node
// The rm-radar CLI: import data, log touches, look at clients, run jobs, review call lists, manage feeds.
import { Command, CommanderError } from 'commander';
import { CliContext } from './cli/context.ts';
import { registerImportCommands } from './cli/import.ts';
import { registerClientCommands } from './cli/clients.ts';
import { registerRunCommands } from './cli/run.ts';
import { registerRunsCommands } from './cli/runs.ts';
import { registerReminderCommands } from './cli/reminders.ts';
import { registerCallListCommands } from './cli/call-list.ts';
import { registerFeedsCommands } from './cli/feeds.ts';
import { registerSignalsCommands } from './cli/signals.ts';
import { registerProspectCommands } from './cli/prospects.ts';
import { registerRmsCommands } from './cli/rms.ts';
import { registerLoanCommands } from './cli/loans.ts';
import { describeCliError } from './cli/errors.ts';
import { isEntryPoint } from './cli/entry-point.ts';

export function buildProgram(context: CliContext): Command {
  const program = new Command('rm-radar')
    .description('A morning assistant for relationship managers: prospects, call lists and touch reminders.')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerImportCommands(program, context);
  registerClientCommands(program, context);
  registerRunCommands(program, context);
  registerRunsCommands(program, context);
  registerReminderCommands(program, context);
  registerCallListCommands(program, context);
  registerFeedsCommands(program, context);
  registerSignalsCommands(program, context);
  registerProspectCommands(program, context);
  registerRmsCommands(program, context);
  registerLoanCommands(program, context);
  return program;
}

export async function main(argv: string[], context = new CliContext()): Promise<number> {
  try {
    await buildProgram(context).parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`rm-radar: ${describeCliError(error)}\n`);
    return 1;
  }
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
