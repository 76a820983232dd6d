// Runs `rm-radar signals classify` as a process: JSON lines in, JSON lines with signals out, bad lines on stderr.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../../../bin/rm-radar.ts', import.meta.url));

function run(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const jsonLines = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('rm-radar signals classify', () => {
  it('writes each input line back with its signals', async () => {
    const input = [
      JSON.stringify({ title: '華星電動向港交所遞表 擬主板上市', lang: 'zh', id: 'a1' }),
      JSON.stringify({ title: 'IPO market cools as rate worries weigh on investors' }),
      JSON.stringify({ title: 'Acme Steel Corp', summary: 'Acme Steel Corp appoints new CFO.', lang: 'en' }),
    ].join('\n');
    const { code, stdout, stderr } = await run(['signals', 'classify'], `${input}\n`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [first, second, third] = jsonLines(stdout);
    expect(first).toMatchObject({ title: '華星電動向港交所遞表 擬主板上市', lang: 'zh', id: 'a1', signals: [{ type: 'ipo', stage: 'filed', company: '華星電動', rule: 'zh.ipo.filed.application' }] });
    expect(second).toEqual({ title: 'IPO market cools as rate worries weigh on investors', signals: [] });
    expect(third).toMatchObject({ summary: 'Acme Steel Corp appoints new CFO.', signals: [{ type: 'leadership', company: 'Acme Steel Corp' }] });
  }, 30_000);

  it('reports bad lines by number on stderr, goes on with the others and exits non-zero', async () => {
    const input = ['{"title":"科达电子IPO成功过会"}', 'not json', '', '{"summary":"no title"}', '{"title":"Acme files for IPO","lang":"fr"}', '{"title":"Acme Steel Corp files for IPO"}'].join('\n');
    const { code, stdout, stderr } = await run(['signals', 'classify'], input);
    expect(code).not.toBe(0);
    expect(jsonLines(stdout).map((line) => line.title)).toEqual(['科达电子IPO成功过会', 'Acme Steel Corp files for IPO']);
    const errors = jsonLines(stderr);
    expect(errors.map((error) => error.line)).toEqual([2, 4, 5]);
    expect(errors[0]!.error).toMatch(/JSON/);
    expect(errors[1]!.error).toMatch(/title/);
    expect(errors[2]!.error).toMatch(/lang/);
  }, 30_000);

  it('refuses a title or summary past the feed bounds and a line past 64 KiB, by line number, and goes on', async () => {
    const input = [
      JSON.stringify({ title: `Acme Steel Corp files for IPO ${'x'.repeat(400)}` }),
      JSON.stringify({ title: 'Acme Steel Corp files for IPO', summary: 'y'.repeat(1_001) }),
      JSON.stringify({ title: 'Acme Steel Corp files for IPO', note: 'z'.repeat(70_000) }),
      JSON.stringify({ title: '科达电子IPO成功过会' }),
    ].join('\n');
    const { code, stdout, stderr } = await run(['signals', 'classify'], input);
    expect(code).not.toBe(0);
    expect(jsonLines(stdout).map((line) => line.title)).toEqual(['科达电子IPO成功过会']);
    const errors = jsonLines(stderr);
    expect(errors.map((error) => error.line)).toEqual([1, 2, 3]);
    expect(errors[0]!.error).toMatch(/title must be at most 400 characters/);
    expect(errors[1]!.error).toMatch(/summary must be at most 1000 characters/);
    expect(errors[2]!.error).toMatch(/longer than 65536 bytes/);
  }, 30_000);
});
