// The `rm-radar feeds` commands as a user runs them: separate processes against the fault server and DynamoDB Local.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestStore } from '../../../support/local-aws.ts';
import { main } from '../../../../bin/rm-radar.ts';
import { CliContext } from '../../../../bin/cli/context.ts';
import { startFaultServer, type FaultServer } from './fault-server.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const fixture = (name: string) => `test/fixtures/feeds/${name}`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function rmRadar(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/rm-radar.ts', ...args], {
      cwd: root,
      env: { ...process.env, ALLOW_PRIVATE_FEED_HOSTS: undefined, RM_RADAR_LOG_LEVEL: undefined, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The registry commands run in this process (same code as the binary, minus a slow process start per command). */
async function rmRadarInProcess(args: string[], env: Record<string, string>): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await main(args, new CliContext({ env: { ...process.env, ...env } }));
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const jsonLines = (text: string) => text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
const noStackTrace = (run: Run) => expect(`${run.stdout}${run.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

let server: FaultServer;
let tableName: string;

beforeAll(async () => {
  server = await startFaultServer();
  ({ tableName } = await createTestStore());
});

afterAll(async () => {
  await server?.stop();
});

describe('rm-radar feeds check', () => {
  it('prints items with signals and one summary line per feed; a broken feed gets a reason and exit code 1', async () => {
    const sources = [server.url('/gbk-prolog.xml'), fixture('edgar-getcurrent.atom'), server.url('/error500.rss'), fixture('malformed.rss'), server.url('/big5.xml')];
    const run = await rmRadar(['feeds', 'check', '--json', '--allow-private', ...sources]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    noStackTrace(run);
    const lines = jsonLines(run.stdout);

    const summaries = lines.filter((line) => !('title' in line));
    expect(summaries).toEqual([
      { feed: sources[0], items: 4 },
      { feed: sources[1], items: 7 },
      { feed: sources[2], error: 'HTTP 500 Internal Server Error' },
      { feed: sources[3], error: expect.stringMatching(/^malformed feed: [^\n]+$/) },
      { feed: sources[4], items: 2 },
    ]);
    // Each feed's items come before its summary line.
    expect(lines.findIndex((line) => line.feed === sources[0] && 'items' in line)).toBe(4);

    const items = lines.filter((line) => 'title' in line);
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['feed', 'link', 'published', 'signals', 'title']);
    expect(items[0]).toMatchObject({
      feed: sources[0],
      title: '深圳星河智能装备股份有限公司递交港股上市申请',
      link: 'http://finance.example.cn/news/2026/0305/10001.html',
      published: '2026-03-05T01:12:00.000Z',
      signals: [expect.objectContaining({ type: 'ipo', stage: 'filed' })],
    });
    expect(items.find((item) => item.title === 'S-1 - Acme Robotics Inc. (0001987654) (Filer)')).toMatchObject({
      signals: [{ type: 'ipo', stage: 'filed', company: 'Acme Robotics Inc.', confidence: 0.97, rule: 'edgar.form.registration:S-1' }],
    });
  });

  it('exits 0 when every feed was read', async () => {
    const run = await rmRadar(['feeds', 'check', fixture('tw-business.big5.xml'), fixture('rss-parser/heise.atom')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('鴻達精密工業遞表港交所 擬明年掛牌');
    expect(run.stdout).toContain('[news, big5, 2 items]');
  });

  it('applies the address policy to URLs unless --allow-private', async () => {
    const run = await rmRadar(['feeds', 'check', '--json', server.url('/good.rss'), fixture('entities-and-links.rss')]);
    expect(run.code).toBe(1);
    noStackTrace(run);
    const lines = jsonLines(run.stdout);
    expect(lines[0]).toEqual({ feed: server.url('/good.rss'), error: expect.stringMatching(/^refused: 127\.0\.0\.1 is a private, loopback or link-local address/) });
    expect(lines.at(-1)).toEqual({ feed: fixture('entities-and-links.rss'), items: 4 });
  });

  it('names a missing file in one line', async () => {
    const run = await rmRadar(['feeds', 'check', 'no/such/feed.xml']);
    expect(run.code).toBe(1);
    expect(run.stdout.trim()).toBe('no/such/feed.xml: FAILED — no such file: no/such/feed.xml');
  });
});

describe('rm-radar feeds add, list, remove (in this process)', () => {
  it('registers a feed, lists it with its health, refuses a duplicate, removes it', async () => {
    const env = { TABLE_NAME: tableName };
    const url = 'https://finance.example.cn/rss/ipo.xml';
    const added = await rmRadarInProcess(
      ['feeds', 'add', url, '--name', '财经快讯', '--lang', 'zh', '--industry', '制造业,半导体', '--include', '上市', '--include', 'IPO', '--exclude', '广告'],
      env,
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const feedId = /added feed ([0-9a-f]{12}): 财经快讯 <https:\/\/finance\.example\.cn\/rss\/ipo\.xml> \(news, zh\)/.exec(added.stdout)?.[1];
    expect(feedId).toBeDefined();

    const edgar = await rmRadarInProcess(['feeds', 'add', 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=S-1&output=atom'], env);
    expect(edgar.stdout).toMatch(/\(sec-edgar\)/);

    const listed = jsonLines((await rmRadarInProcess(['feeds', 'list', '--json'], env)).stdout);
    expect(listed.find((feed) => feed.feedId === feedId)).toMatchObject({
      url,
      name: '财经快讯',
      lang: 'zh',
      industries: ['制造业', '半导体'],
      include: ['上市', 'IPO'],
      exclude: ['广告'],
      kind: 'news',
      active: true,
      health: { consecutiveFailures: 0 },
    });
    const human = await rmRadarInProcess(['feeds', 'list'], env);
    expect(human.stdout).toContain(`${feedId}  new       财经快讯 <${url}>`);
    expect(human.stdout).toContain('never read successfully; 0 consecutive failures');

    const duplicate = await rmRadarInProcess(['feeds', 'add', url], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr.trim()).toBe(`rm-radar: feed ${feedId} is already registered for ${url}`);

    const removed = await rmRadarInProcess(['feeds', 'remove', url], env);
    expect(removed.stdout.trim()).toBe(`removed feed ${feedId}: 财经快讯 <${url}>`);
    const again = await rmRadarInProcess(['feeds', 'remove', feedId!], env);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(`rm-radar: no feed matches "${feedId}" (see \`rm-radar feeds list\`)`);
    noStackTrace(again);
  });

  it('rejects a bad language with commander’s message', async () => {
    const run = await rmRadarInProcess(['feeds', 'add', 'https://x.example.com/rss', '--lang', 'fr'], { TABLE_NAME: tableName });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--lang.*Allowed choices are zh, en/);
  });
});
