// `rm-radar import <entity> FILE.csv`: validated, all-or-nothing imports of RMs, clients, contacts, loans, events
// (loans as of a business date, and optionally as the full list of their clients' live loans).
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { importCsv, type ImportReport } from '../../lambdas/core/import/importer.ts';
import { supportedEncodings, type CsvEncoding, type CsvSource } from '../../lambdas/core/import/csv.ts';
import { entitySpecs, type ImportEntity } from '../../lambdas/core/import/entities.ts';
import type { CliContext } from './context.ts';
import { dateOption } from './options.ts';
import { businessDateOf } from '../../lambdas/core/dates/calendar.ts';
import type { IsoDate } from '../../lambdas/core/model.ts';
import { ValidationError } from '../../lambdas/core/errors.ts';

const MAX_PROBLEMS_SHOWN = 200;

export function registerImportCommands(program: Command, context: CliContext): void {
  const importCommand = program
    .command('import')
    .description('import a CSV file (UTF-8 with or without BOM, or GB18030/GBK as Chinese Excel writes it)');
  for (const entity of Object.keys(entitySpecs) as ImportEntity[]) {
    const spec = entitySpecs[entity];
    const command = importCommand
      .command(entity)
      .description(`import ${entity}; columns: ${Object.keys(spec.columns).join(', ')}`)
      .argument('<file>', 'the CSV file, with a header row')
      .addOption(new Option('--encoding <encoding>', 'the file encoding (default: detected)').choices(supportedEncodings))
      .option('--dry-run', 'validate only; write nothing')
      .option('--skip-invalid', 'write the valid rows even if some rows are bad')
      .option('--json', 'print the report as JSON');
    if (entity === 'loans') {
      command
        .option('--as-of <date>', 'the business date the file describes: days_past_due counts to it (default: today)', dateOption)
        .option('--full', "the file lists every live loan of the clients it mentions: their other loans are closed (deleted)");
    }
    command.action(async (file: string, options: ImportCommandOptions) => {
      const source = await readableFile(file);
      const timeZone = context.config.timeZone;
      const now = context.clock.now();
      const asOf = options.asOf ?? businessDateOf(now, timeZone);
      const report = await importCsv(context.store, entity, source, { ...options, timeZone, asOf, now });
      if (options.json) context.print(JSON.stringify(report));
      else printReport(context, file, report, options);
      if (report.problems.length > 0) process.exitCode = 2;
    });
  }
}

/** The file as the importer reads it (twice, as a stream), after checking that it is a file that can be read. */
async function readableFile(file: string): Promise<CsvSource> {
  const cannotRead = (reason: string) => new ValidationError(`cannot read ${file}: ${reason}`);
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw cannotRead(error.code === 'ENOENT' ? 'no such file' : error.message);
  });
  try {
    if (!(await handle.stat()).isFile()) throw cannotRead('not a file');
  } finally {
    await handle.close();
  }
  return { open: () => createReadStream(file) };
}

interface ImportCommandOptions {
  encoding?: CsvEncoding;
  dryRun?: boolean;
  skipInvalid?: boolean;
  json?: boolean;
  asOf?: IsoDate;
  full?: boolean;
}

function printReport(context: CliContext, file: string, report: ImportReport, options: ImportCommandOptions): void {
  for (const problem of report.problems.slice(0, MAX_PROBLEMS_SHOWN)) {
    context.print(`${file}:${problem.line}${problem.column ? ` [${problem.column}]` : ''}: ${problem.message}`);
  }
  if (report.problems.length > MAX_PROBLEMS_SHOWN) context.print(`… and ${report.problems.length - MAX_PROBLEMS_SHOWN} more problems`);
  const badRows = new Set(report.problems.map((p) => p.line)).size;
  const outcome = options.dryRun
    ? 'dry run: nothing written'
    : report.problems.length > 0 && !options.skipInvalid
      ? 'nothing written because of the problems above (fix them, or use --skip-invalid)'
      : `${report.written} written`;
  const asOf = report.entity === 'loans' ? ` as of ${report.asOf}` : '';
  context.print(`${report.entity}: ${report.rows} rows (${report.encoding})${asOf}, ${report.valid} valid, ${badRows} with problems; ${outcome}`);
  const blocked = report.problems.length > 0 && !options.skipInvalid;
  if (options.full && (options.dryRun || !blocked)) {
    const listed = report.missingLoans.map((l) => `${l.clientId}/${l.loanId}`);
    const shown = listed.slice(0, MAX_PROBLEMS_SHOWN).join(', ') + (listed.length > MAX_PROBLEMS_SHOWN ? ', …' : '');
    context.print(
      options.dryRun
        ? `full import: ${listed.length} loans not in the file would be closed${shown ? `: ${shown}` : ''}`
        : `full import: ${report.closed} loans not in the file closed${shown ? `: ${shown}` : ''}`,
    );
  }
}
