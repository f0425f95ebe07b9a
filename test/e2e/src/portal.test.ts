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

  it("shows payment-service's Mesh tab from the demo cluster snapshot: injection, mTLS, callers, canary, overhead", async () => {
    await page.goto(`${portal.appUrl}/catalog/default/component/payment-service`, { waitUntil: 'domcontentloaded' });
    await page.getByText(/demo: 4\/4 pods injected · mTLS STRICT/).waitFor({ timeout: 120_000 });
    await page.screenshot({ path: path.join(screenshotDir, 'entity-overview-mesh-card.png'), fullPage: true });
    await page.goto(`${portal.appUrl}/catalog/default/component/payment-service/mesh`, { waitUntil: 'domcontentloaded' });
    await page.getByText('4 of 4 pods injected').waitFor({ timeout: 120_000 });
    const text = await page.locator('main').innerText();
    expect(text).toContain('Cluster demo');
    expect(text).toContain('order-service (namespace orders) may POST /api/v1/process-payment');
    expect(text).toMatch(/payment-service-v1 port 9090: PERMISSIVE/);
    expect(await page.getByLabel('canary split').innerText()).toMatch(/v1 90%\s*v2 10%/);
    expect(text).toContain("Sidecars request 400m CPU and 512Mi memory: 40% of the app's CPU and 50% of its memory.");
    await page.screenshot({ path: path.join(screenshotDir, 'entity-mesh-tab.png'), fullPage: true });
  });

  it('offers user-service, which is not on the mesh, the onboarding template with the entity picked', async () => {
    await page.goto(`${portal.appUrl}/catalog/default/component/user-service/mesh`, { waitUntil: 'domcontentloaded' });
    await page.getByText('user-service is not on the mesh yet').waitFor({ timeout: 120_000 });
    const href = await page.getByText('Onboard user-service').locator('xpath=ancestor::a').getAttribute('href');
    expect(href).toContain('/create/templates/default/mesh-onboard-service?formData=');
    await page.screenshot({ path: path.join(screenshotDir, 'entity-mesh-not-onboarded.png'), fullPage: true });
  });

  it("onboard-service's form offers the callers from the catalog (its second page), with payment-service's dependents chosen", async () => {
    const formData = encodeURIComponent(JSON.stringify({ entity: 'component:default/payment-service' }));
    await page.goto(`${portal.appUrl}/create/templates/default/mesh-onboard-service?formData=${formData}`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('button', { name: 'Next' }).click({ timeout: 60_000 });
    const orderService = page.getByLabel('order-service (cluster.local/ns/orders/sa/order-service)');
    await orderService.waitFor({ timeout: 60_000 }).catch(async error => {
      await page.screenshot({ path: path.join(screenshotDir, 'onboard-service-form-failed.png'), fullPage: true });
      throw error;
    });
    // The field chooses the dependents just after the catalog answers.
    for (let attempt = 0; attempt < 50 && !(await orderService.isChecked()); attempt += 1) await page.waitForTimeout(100);
    expect(await orderService.isChecked()).toBe(true);
    expect(await page.getByLabel('user-service (cluster.local/ns/users/sa/user-service)').isChecked()).toBe(false);
    await page.screenshot({ path: path.join(screenshotDir, 'onboard-service-form.png'), fullPage: true });
  });

  it('logs no plugin start-up failure while serving the portal', () => {
    expect(findStartupFailures(portal.process.output())).toEqual([]);
  });
});
