// The calendar gives the same answers whatever the process time zone: the same fingerprint under several TZ values.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { calendarFingerprint } from '../../support/calendar-fingerprint.ts';

const script = fileURLToPath(new URL('../../support/calendar-fingerprint.ts', import.meta.url));

// UTC, the product's default zone, west of UTC, the furthest east (+14), and a zone whose clocks skip midnight.
const ZONES = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati', 'America/Santiago'];

async function fingerprintUnder(timeZone: string): Promise<ReturnType<typeof calendarFingerprint>> {
  const { stdout } = await promisify(execFile)(process.execPath, [script], { env: { ...process.env, TZ: timeZone }, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as ReturnType<typeof calendarFingerprint>;
}

describe('the calendar under different process time zones', () => {
  it(`answers the same under TZ=${ZONES.join(', ')} as in this process (TZ=${process.env.TZ ?? 'unset'})`, async () => {
    const here = calendarFingerprint();
    const results = await Promise.all(ZONES.map(async (zone) => [zone, await fingerprintUnder(zone)] as const));
    for (const [zone, fingerprint] of results) expect({ zone, ...fingerprint }).toEqual({ zone, ...here });
  });
});
