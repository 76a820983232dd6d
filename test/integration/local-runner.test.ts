// `npm start -- --once`: the whole product on its demo data, end to end, in a fresh folder.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { freePort } from '../../bin/local/services.ts';
import { decodePng, greyDeviation } from '../support/png.ts';

const run = promisify(execFile);

describe('npm start -- --once', () => {
  it('runs every job on the demo data, imports the drop zone, saves the emails as .eml and exits 0', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rm-radar-local-'));
    await mkdir(join(dataDir, 'incoming', 'rms'), { recursive: true });
    await writeFile(join(dataDir, 'incoming', 'rms', 'rms-2026-12-01.csv'), 'rm_id,name,email,locale\nrm-drop,Drop Test,drop.test@bank.example,en\n');
    const ports = [await freePort(), await freePort(), await freePort(), await freePort()];
    const { stdout } = await run(
      process.execPath,
      ['bin/local.ts', '--once', '--date', '2026-12-01', '--data-dir', dataDir,
        '--dynamodb-port', String(ports[0]), '--ses-port', String(ports[1]), '--feeds-port', String(ports[2]), '--web-port', String(ports[3])],
      { timeout: 180_000 },
    );
    expect(stdout).toMatch(/Loaded the demo data \(3 rms, 60 clients/);
    expect(stdout).toContain('each a planner and workers on an SQS work queue');
    for (const job of ['prospect-scan', 'call-list', 'touch-reminders', 'portfolio-report']) expect(stdout).toContain(`${job} 2026-12-01: read`);
    // The file dropped before the start went through the drop zone: imported, reported, moved.
    expect(stdout).toContain('drop zone: incoming/rms/rms-2026-12-01.csv imported; report in reports/rms/rms-2026-12-01.csv.report.json');
    const report = JSON.parse(await readFile(join(dataDir, 'reports', 'rms', 'rms-2026-12-01.csv.report.json'), 'utf8'));
    expect(report).toMatchObject({ outcome: 'imported', rowsRead: 1, rowsWritten: 1 });
    expect(await readdir(join(dataDir, 'processed', 'rms'))).toEqual(['rms-2026-12-01.csv']);
    expect(await readdir(join(dataDir, 'incoming', 'rms'))).toEqual([]);

    const outbox = join(dataDir, 'outbox', '2026-12-01');
    const files = await readdir(outbox);
    expect(files.length).toBeGreaterThanOrEqual(3);
    // Files are named <job>-<rmId>.eml: every job wrote to every demo RM.
    for (const job of ['prospect-scan', 'call-list', 'touch-reminders', 'portfolio-report']) {
      for (const rm of ['rm-steel', 'rm-oil', 'rm-auto']) expect(files).toContain(`${job}-${rm}.eml`);
    }
    for (const file of files) {
      const mail = await simpleParser(await readFile(join(outbox, file)));
      expect(mail.subject).toMatch(/2026-12-01|2026年12月1日/);
      expect(mail.html).toBeTruthy();
      expect(mail.text?.length).toBeGreaterThan(20);
    }
    // The call list travels with its CSV attachment.
    const callList = await simpleParser(await readFile(join(outbox, 'call-list-rm-steel.eml')));
    expect(callList.attachments.map((a) => a.contentType)).toContain('text/csv');
    // The weekly report carries its four charts and shows the demo's weeks of history.
    const weekly = await simpleParser(await readFile(join(outbox, 'portfolio-report-rm-auto.eml')));
    expect(weekly.attachments.filter((a) => a.contentType === 'image/png')).toHaveLength(4);
    expect(weekly.text).toContain('History starts on 2026-10-05');
    // The demo's lead (rm-steel) also gets the team report, saved beside the rest; its charts decode as sent.
    const team = await simpleParser(await readFile(join(outbox, 'portfolio-report-team-rm-steel.eml')));
    const charts = team.attachments.filter((a) => a.contentType === 'image/png');
    expect(charts).toHaveLength(4);
    for (const chart of charts) expect(greyDeviation(decodePng(chart.content))).toBeGreaterThan(10);
  }, 240_000);
});
