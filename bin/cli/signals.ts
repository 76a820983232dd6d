// `rm-radar signals classify`: runs the prospect radar's trigger classifier on JSON lines from stdin.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { classify } from '../../lambdas/prospect-scan/signals/classify.ts';
import type { CliContext } from './context.ts';

const classifyLine = z.looseObject({
  title: z.string().trim().min(1, 'title must be a non-empty string'),
  summary: z.string().optional(),
  lang: z.enum(['zh', 'en']).optional(),
});

export interface ClassifyStreamResult { lines: number; failed: number }

/** One JSON line out per JSON line in: the input fields plus `signals`; a bad line is reported on `errors` and skipped. */
export async function classifyStream(input: Readable, output: Writable, errors: Writable): Promise<ClassifyStreamResult> {
  const result = { lines: 0, failed: 0 };
  let lineNumber = 0;
  for await (const rawLine of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber += 1;
    const line = (lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine).trim();
    if (line === '') continue;
    result.lines += 1;
    const error = (message: string) => {
      result.failed += 1;
      errors.write(`${JSON.stringify({ line: lineNumber, error: message })}\n`);
    };
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      error('not valid JSON');
      continue;
    }
    const checked = classifyLine.safeParse(parsed);
    if (!checked.success) {
      error(checked.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; '));
      continue;
    }
    const { title, summary, lang } = checked.data;
    output.write(`${JSON.stringify({ ...(parsed as object), signals: classify({ title, summary, lang }) })}\n`);
  }
  return result;
}

export function registerSignalsCommands(program: Command, _context: CliContext): void {
  const signals = program.command('signals').description('detect business triggers (IPO stages, funding, M&A, risk …) in headlines');
  signals
    .command('classify')
    .description('read JSON lines {"title", "summary"?, "lang"?} on stdin; write each with its "signals" on stdout')
    .action(async () => {
      const { failed } = await classifyStream(process.stdin, process.stdout, process.stderr);
      if (failed > 0) process.exitCode = 1;
    });
}
