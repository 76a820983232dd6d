// `rm-radar signals classify`: runs the prospect radar's trigger classifier on JSON lines from stdin.
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { MAX_SUMMARY_CHARS, MAX_TITLE_CHARS } from '../../lambdas/prospect-scan/feeds/normalise.ts';
import { classify } from '../../lambdas/prospect-scan/signals/classify.ts';
import type { CliContext } from './context.ts';
import { boundedLines } from './lines.ts';

/** The same bounds as a feed item's (a title or summary past them is an error here, not cut short). */
const classifyLine = z.looseObject({
  title: z.string().trim().min(1, 'title must be a non-empty string').max(MAX_TITLE_CHARS, `title must be at most ${MAX_TITLE_CHARS} characters`),
  summary: z.string().max(MAX_SUMMARY_CHARS, `summary must be at most ${MAX_SUMMARY_CHARS} characters`).optional(),
  lang: z.enum(['zh', 'en']).optional(),
});

/** A line holds a title, a summary and the caller's own fields: 64 KiB is far above any such line. */
export const MAX_LINE_BYTES = 64 * 1024;

export interface ClassifyStreamResult { lines: number; failed: number }

/** One JSON line out per JSON line in: the input fields plus `signals`; a bad line is reported on `errors` and skipped. */
export async function classifyStream(input: Readable, output: Writable, errors: Writable): Promise<ClassifyStreamResult> {
  const result = { lines: 0, failed: 0 };
  for await (const { number, text, tooLong } of boundedLines(input, MAX_LINE_BYTES)) {
    const line = text.trim();
    if (line === '' && !tooLong) continue;
    result.lines += 1;
    const error = (message: string) => {
      result.failed += 1;
      errors.write(`${JSON.stringify({ line: number, error: message })}\n`);
    };
    if (tooLong) {
      error(`line is longer than ${MAX_LINE_BYTES} bytes`);
      continue;
    }
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
    .description('read JSON lines {"title" (≤ 400 chars), "summary"? (≤ 1,000), "lang"?} of at most 64 KiB on stdin; write each with its "signals" on stdout')
    .action(async () => {
      const { failed } = await classifyStream(process.stdin, process.stdout, process.stderr);
      if (failed > 0) process.exitCode = 1;
    });
}
