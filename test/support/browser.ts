// Debian's chromium driven by playwright-core, with the flags a headless CI container needs.
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

export const SCREENSHOT_DIR = 'test-results/screenshots';

export function chromiumPath(): string {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('the browser tests need Debian’s chromium: apt-get install -y chromium fonts-noto-cjk');
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
