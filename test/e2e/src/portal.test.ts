import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { freePort, RunningPortal, startPortal, findStartupFailures } from '@meshport/test-harness';
import { launchChromium, screenshotDir } from './browser';

jest.setTimeout(600_000);

describe('the Meshport portal in a real browser', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal({ appPort: await freePort(), backendPort: await freePort() });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('signs in as guest and lists the demo services in the catalog', async () => {
    await page.goto(portal.appUrl, { waitUntil: 'domcontentloaded' });
    await page.getByRole('button', { name: /enter/i }).click({ timeout: 120_000 });
    for (const name of ['payment-service', 'order-service', 'user-service']) {
      await page.getByRole('link', { name, exact: true }).first().waitFor({ timeout: 120_000 });
    }
    await page.screenshot({ path: path.join(screenshotDir, 'catalog.png'), fullPage: true });
    expect(await page.title()).toContain('Meshport');
  });

  it('logs no plugin start-up failure while serving the portal', () => {
    expect(findStartupFailures(portal.process.output())).toEqual([]);
  });
});
