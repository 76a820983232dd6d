// `rm-radar import <entity> FILE.csv`: validated, all-or-nothing imports of RMs, clients, contacts, loans, events.
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { importCsv, type ImportReport } from '../../lambdas/core/import/importer.ts';
import { supportedEncodings, type CsvEncoding } from '../../lambdas/core/import/csv.ts';
import { entitySpecs, type ImportEntity } from '../../lambdas/core/import/entities.ts';
import type { CliContext } from './context.ts';

const MAX_PROBLEMS_SHOWN = 200;

export function registerImportCommands(program: Command, context: CliContext): void {
  const importCommand = program
    .command('import')
    .description('import a CSV file (UTF-8 with or without BOM, or GB18030/GBK as Chinese Excel writes it)');
  for (const entity of Object.keys(entitySpecs) as ImportEntity[]) {
    const spec = entitySpecs[entity];
    importCommand
      .command(entity)
      .description(`import ${entity}; columns: ${Object.keys(spec.columns).join(', ')}`)
      .argument('<file>', 'the CSV file, with a header row')
      .addOption(new Option('--encoding <encoding>', 'the file encoding (default: detected)').choices(supportedEncodings))
      .option('--dry-run', 'validate only; write nothing')
      .option('--skip-invalid', 'write the valid rows even if some rows are bad')
      .option('--json', 'print the report as JSON')
      .action(async (file: string, options: { encoding?: CsvEncoding; dryRun?: boolean; skipInvalid?: boolean; json?: boolean }) => {
        const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
          throw new Error(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
        });
        const report = await importCsv(context.store, entity, bytes, { ...options, timeZone: context.config.timeZone });
        if (options.json) context.print(JSON.stringify(report));
        else printReport(context, file, report, options);
        if (report.problems.length > 0) process.exitCode = 2;
      });
  }
}

function printReport(context: CliContext, file: string, report: ImportReport, options: { dryRun?: boolean; skipInvalid?: boolean }): void {
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
  context.print(`${report.entity}: ${report.rows} rows (${report.encoding}), ${report.valid} valid, ${badRows} with problems; ${outcome}`);
}
