import fs from 'node:fs';
import path from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { findRepoRoot } from '@meshport/test-harness';

/** Where Debian installs Chromium; the browser suite drives it, never a downloaded build. */
export const chromiumPath = process.env.MESHPORT_CHROMIUM ?? '/usr/bin/chromium';

export const screenshotDir = path.join(findRepoRoot(), 'test', 'e2e', 'screenshots');

/** Launches Debian's Chromium headless with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath} (apt-get install chromium)`);
  }
  fs.mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}
