import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, Locator, Page } from 'playwright-core';
import {
  branchesOf,
  cloneBranch,
  demoClusterObjects,
  findStartupFailures,
  freePort,
  istioOpenMetrics,
  KubeApiTestServer,
  git,
  prometheusUnavailable,
  RunningPortal,
  RunningPrometheus,
  runMeshport,
  startBackfilledPrometheus,
  startPortal,
} from '@meshport/test-harness';
import { launchChromium, screenshotDir } from './browser';

jest.setTimeout(600_000);

/** Waits for what a step should show; when it does not come, keeps a screenshot of the page as it was. */
async function waitOrScreenshot(page: Page, target: Locator, screenshot: string): Promise<void> {
  await target.waitFor({ timeout: 60_000 }).catch(async error => {
    await page.screenshot({ path: path.join(screenshotDir, screenshot), fullPage: true });
    throw error;
  });
}

describe('the Meshport portal in a real browser', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  // A fresh data folder, so that the portal's GitOps repository starts empty for this run.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-e2e-data-'));
  const gitopsRepository = path.join(dataDir, 'gitops.git');

  // Beside the demo snapshot, a live cluster: a test Kubernetes API server over HTTPS with a token, and a
  // real Prometheus with backfilled Istio metrics (required under CI, skipped with a reason otherwise).
  const token = 'e2e-service-account-token';
  let kube: KubeApiTestServer;
  let prometheus: RunningPrometheus | undefined;
  const prometheusMissing = prometheusUnavailable();

  beforeAll(async () => {
    kube = await new KubeApiTestServer({ token, tls: true }).start();
    kube.apply(...demoClusterObjects());
    if (prometheusMissing && process.env.CI) throw new Error(`CI requires Prometheus: ${prometheusMissing}`);
    const now = Math.floor(Date.now() / 1000);
    prometheus = prometheusMissing ? undefined : await startBackfilledPrometheus(istioOpenMetrics(now - 3600, now + 3600));
    portal = await startPortal({
      appPort: await freePort(),
      backendPort: await freePort(),
      env: {
        MESHPORT_DATA_DIR: dataDir,
        APP_CONFIG_kubernetes_clusterLocatorMethods: JSON.stringify([
          { type: 'config', clusters: [{ name: 'e2e', url: kube.url, authProvider: 'serviceAccount', serviceAccountToken: token, caData: kube.caData }] },
        ]),
        ...(prometheus ? { APP_CONFIG_mesh_clusters: JSON.stringify([{ name: 'e2e', prometheus: { url: prometheus.url } }]) } : {}),
        // The backfill holds two hours: right-size from them.
        APP_CONFIG_mesh_rightSizing: JSON.stringify({ window: '2h', minHistoryHours: 0.5 }),
      },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  /** onboard-service's form with the component picked, once its first field shows: that port field. */
  const openOnboardingForm = async (component: string) => {
    const formData = encodeURIComponent(JSON.stringify({ entity: `component:default/${component}` }));
    await page.goto(`${portal.appUrl}/create/templates/default/mesh-onboard-service?formData=${formData}`, { waitUntil: 'domcontentloaded' });
    const port = page.locator('#root_ports_0_number');
    await port.waitFor({ timeout: 60_000 });
    return port;
  };

  /** onboard-service's callers page for payment-service, once the field has chosen its dependents: order-service's box. */
  const openPaymentCallers = async (failureScreenshot: string) => {
    const formData = encodeURIComponent(JSON.stringify({ entity: 'component:default/payment-service' }));
    await page.goto(`${portal.appUrl}/create/templates/default/mesh-onboard-service?formData=${formData}`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('button', { name: 'Next' }).click({ timeout: 60_000 });
    const orderService = page.getByLabel('order-service (cluster.local/ns/orders/sa/order-service)');
    await waitOrScreenshot(page, orderService, failureScreenshot);
    // The field chooses the dependents just after the catalog answers.
    for (let attempt = 0; attempt < 50 && !(await orderService.isChecked()); attempt += 1) await page.waitForTimeout(100);
    return orderService;
  };

  /** Steps a template's form to its review page and creates the task; returns once the change request is linked. */
  const createFromForm = async (onPreview?: () => Promise<void>) => {
    const create = page.getByRole('button', { name: 'Create' });
    let previewSeen = false;
    const proposal = page.getByText('What the change request will propose');
    for (let step = 0; step < 12 && !(await create.isVisible()); step += 1) {
      await page.getByRole('button', { name: /^(Next|Review)$/ }).click();
      // A page settles when its preview is computed (Next waits for it), or at once.
      await proposal
        .or(create)
        .first()
        .waitFor({ timeout: 2000 })
        .catch(() => undefined);
      if (onPreview && !previewSeen && (await proposal.isVisible())) {
        previewSeen = true;
        await onPreview();
      }
    }
    if (onPreview && !previewSeen) {
      await page.screenshot({ path: path.join(screenshotDir, 'preview-never-shown-failed.png'), fullPage: true });
      throw new Error('the form reached its review page without showing the preview');
    }
    await create.click({ timeout: 10_000 });
    await page.getByText('Change request', { exact: true }).first().waitFor({ timeout: 120_000 });
  };

  /** The lines of one text that the other lacks, trimmed, blank ones left out: what an edit changed. */
  const linesOnlyIn = (text: string, other: string) => {
    const others = new Set(other.split('\n').map(line => line.trim()));
    return text
      .split('\n')
      .map(line => line.trim())
      .filter(line => line !== '' && !others.has(line));
  };

  /** meshport analyze passes over a folder of a change request's branch. */
  const expectAnalyzed = (folder: string) => {
    const analysis = runMeshport(['analyze', folder]);
    expect({ exitCode: analysis.exitCode, stdout: analysis.stdout }).toEqual({ exitCode: 0, stdout: expect.stringContaining('Analyzed') });
  };

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    await prometheus?.stop();
    await kube?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
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
    await page
      .getByText(/4 of 4 pods with a sidecar · mTLS STRICT/)
      .first()
      .waitFor({ timeout: 120_000 });
    await page.screenshot({ path: path.join(screenshotDir, 'entity-overview-mesh-card.png'), fullPage: true });
    await page.goto(`${portal.appUrl}/catalog/default/component/payment-service/mesh`, { waitUntil: 'domcontentloaded' });
    await page.getByText('4 of 4 pods injected').first().waitFor({ timeout: 120_000 });
    const text = await page.locator('main').innerText();
    expect(text).toContain('Cluster demo');
    // The caller by its catalog name where the status knows it (Prometheus saw it), else by its service account.
    expect(text).toMatch(/order-service( \(namespace orders\))? may POST \/api\/v1\/process-payment/);
    expect(text).toMatch(/payment-service-v1: STRICT .* on every port; port 9090: PERMISSIVE/);
    expect(await page.getByLabel('canary split').first().innerText()).toMatch(/v1 90%\s*v2 10%/);
    expect(text).toContain("Sidecars request 0.4 CPU cores and 512 MiB memory: 40% of the app's CPU and 50% of its memory.");
    if (!prometheusMissing) {
      // npm start gives the demo cluster a Prometheus with the demo's metrics: the canary is judged.
      await page
        .getByText(/Verdict: roll back, success rate out of bounds/)
        .first()
        .waitFor({ timeout: 60_000 });
    }
    await page.screenshot({ path: path.join(screenshotDir, 'entity-mesh-tab.png'), fullPage: true });
  });

  it('shows the live cluster next to the snapshot: health from Prometheus and the canary with per-version success and p99', async () => {
    if (!prometheus) {
      // eslint-disable-next-line no-console
      console.warn(`SKIPPED: ${prometheusMissing}; the live health check did not run.`);
      return;
    }
    await page.goto(`${portal.appUrl}/catalog/default/component/payment-service/mesh`, { waitUntil: 'domcontentloaded' });
    await page.getByText('Cluster e2e', { exact: true }).waitFor({ timeout: 120_000 });
    await page
      .getByText(/100\.0 req\/s, errors 2\.00%/)
      .first()
      .waitFor({ timeout: 60_000 });
    const text = await page.locator('main').innerText();
    expect(text).toContain('v1: 90% of traffic, 3/3 pods ready, success 98.9%, p99 95 ms');
    expect(text).toContain('v2: 10% of traffic, 1/1 pods ready, success 90.0%, p99 475 ms');
    expect(text).toContain('Over mutual TLS: 90.0%');
    expect(text).toMatch(/Sidecars use 0.2 CPU cores and 240 MiB: 25% of the app's CPU use/);
    await page.screenshot({ path: path.join(screenshotDir, 'entity-mesh-tab-live-cluster.png'), fullPage: true });
  });

  it("shows inventory-service's Mesh tab in ambient mode: each pod's ztunnel and waypoint, where policies are enforced, both data planes' cost", async () => {
    await page.goto(`${portal.appUrl}/catalog/default/component/inventory-service/mesh`, { waitUntil: 'domcontentloaded' });
    await page.getByText('3 of 3 pods in ambient mode').first().waitFor({ timeout: 120_000 });
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/Waypoint inventory\/inventory-service-waypoint \(for service, by the service's istio.io\/use-waypoint\):\s*1 of 1 pods ready/);
    expect(text).toContain('ambient: ztunnel-4kx9p on node-1');
    expect(text).toMatch(/inventory\/inventory-service-callers, enforced by waypoint/);
    expect(await page.getByLabel('data plane cost').first().innerText()).toMatch(/sidecar[\s\S]*ambient \(now\)/);
    await page.screenshot({ path: path.join(screenshotDir, 'entity-mesh-tab-ambient.png'), fullPage: true });
  });

  it('shows the mesh overview from the sidebar: coverage over the demo components, each linked to its Mesh tab, and the mesh-wide cost of each data plane', async () => {
    await page.goto(`${portal.appUrl}/catalog`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('link', { name: 'Mesh', exact: true }).first().click({ timeout: 120_000 });
    await page.getByText(/3 of 4 components on the mesh/).waitFor({ timeout: 120_000 });
    expect(await page.getByLabel('mesh-wide data plane cost').innerText()).toMatch(
      /sidecars everywhere would request .* ambient everywhere .* Moving every namespace to ambient saves/,
    );
    expect(await page.getByRole('link', { name: 'payment-service' }).first().getAttribute('href')).toBe('/catalog/default/component/payment-service/mesh');
    // Above the table, the calls between namespaces (from Prometheus, which CI requires): orders calls payments, both clusters' edges added up.
    const graph = page.getByLabel('namespace graph');
    if (!prometheusMissing) await waitOrScreenshot(page, graph.locator('[aria-label="payment-service: payments"]'), 'namespace-graph-failed.png');
    expect(await graph.locator('[data-testid="mesh-graph-edge"]').allTextContents()).toEqual(
      [expect.stringMatching(/^\d+\.\d req\/s · 2\.0% errors$/)].slice(prometheusMissing ? 1 : 0),
    );
    await page.screenshot({ path: path.join(screenshotDir, 'mesh-overview.png'), fullPage: true });
  });

  it('offers user-service, which is not on the mesh, the onboarding template with the entity picked', async () => {
    await page.goto(`${portal.appUrl}/catalog/default/component/user-service/mesh`, { waitUntil: 'domcontentloaded' });
    await page.getByText('user-service is not on the mesh yet').waitFor({ timeout: 120_000 });
    const href = await page.getByText('Onboard user-service').locator('xpath=ancestor::a').getAttribute('href');
    expect(href).toContain('/create/templates/default/mesh-onboard-service?formData=');
    await page.screenshot({ path: path.join(screenshotDir, 'entity-mesh-not-onboarded.png'), fullPage: true });
  });

  /** Columns pushed out of their card, or a page wider than the window: what a reader at this width cannot see. */
  const clippedColumns = () =>
    page.evaluate(() => {
      const problems: string[] = [];
      if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`the page is ${document.documentElement.scrollWidth} px wide`);
      document.querySelectorAll('table').forEach(table => {
        const card = table.closest('.MuiCard-root, .MuiPaper-root') ?? table.parentElement!;
        const scroller = table.parentElement!;
        const headers = [...table.querySelectorAll('th')].map(th => th.textContent?.trim()).filter(Boolean);
        if (table.getBoundingClientRect().right > card.getBoundingClientRect().right + 1 || scroller.scrollWidth > scroller.clientWidth + 1) {
          problems.push(`a table (${headers.join(', ')}) is wider than its card`);
        }
        table.querySelectorAll('th').forEach(th => {
          if (th.getBoundingClientRect().right > card.getBoundingClientRect().right + 1) problems.push(`column ${th.textContent?.trim()} is cut`);
        });
      });
      return problems;
    });

  describe.each([1440, 1024])('at %i pixels wide', width => {
    beforeAll(async () => {
      await page.setViewportSize({ width, height: 900 });
    });
    afterAll(async () => {
      await page.setViewportSize({ width: 1400, height: 900 });
    });

    it('leads each card with what needs attention: user-service claims no mTLS, inventory-service no sidecar cost, order-service names its unready proxy', async () => {
      const cards: Record<string, string> = {};
      for (const service of ['payment-service', 'order-service', 'user-service', 'inventory-service']) {
        await page.goto(`${portal.appUrl}/catalog/default/component/${service}`, { waitUntil: 'domcontentloaded' });
        const card = page.getByLabel('cluster demo');
        await waitOrScreenshot(page, card, `mesh-card-${service}-${width}-failed.png`);
        // Each line as a reader sees it (a status mark lays its icon and words out in boxes of their own).
        cards[service] = (await card.innerText()).replace(/:\s*\n/g, ': ').replace(/[ \t]+/g, ' ');
        // The Mesh tab is a tab of the entity page, next to Overview, not inside a group.
        expect(await page.locator(`a[href$="/component/${service}/mesh"]`, { hasText: /^Mesh$/ }).isVisible()).toBe(true);
        if (service === 'order-service') {
          await page.screenshot({ path: path.join(screenshotDir, `entity-overview-mesh-card-${width}.png`), fullPage: true });
          await card
            .locator('xpath=ancestor::div[contains(@class,"MuiCard-root")][1]')
            .screenshot({ path: path.join(screenshotDir, `mesh-card-${width}.png`) });
        }
      }
      expect(cards['user-service']).toMatch(/Warning: Not on the mesh: no pod has an Istio proxy/);
      expect(cards['user-service']).toMatch(/not on the mesh: 0 of 2 pods have a proxy/);
      expect(cards['user-service']).not.toMatch(/mTLS/);
      expect(cards['inventory-service']).toMatch(/3 of 3 pods in ambient mode/);
      expect(cards['inventory-service']).not.toMatch(/sidecars request/);
      expect(cards['order-service'].split('\n')[1]).toMatch(/^Error: 1 proxy not ready/);
      expect(cards['payment-service']).toMatch(/4 of 4 pods with a sidecar · mTLS STRICT/);
    });

    it("opens order-service's Mesh tab on its problems, worst first, each with its fix, and cuts no column", async () => {
      await page.goto(`${portal.appUrl}/catalog/default/component/order-service/mesh`, { waitUntil: 'domcontentloaded' });
      const attention = page.getByLabel('attention in cluster demo');
      await waitOrScreenshot(page, attention.getByText(/differs from Git/), `order-attention-${width}-failed.png`);
      const lines = (await attention.locator('li[data-severity]').allInnerTexts()).map(text => text.split('\n')[0].replace(/\s+/g, ' ').trim());
      expect(lines.slice(0, 4)).toEqual([
        expect.stringMatching(/^Error: 1 proxy not ready: its pod gets no traffic\.$/),
        expect.stringMatching(/^Error: 1 proxy has not taken istiod's latest configuration\.$/),
        expect.stringMatching(/^Warning: The cluster differs from Git: Sidecar orders\/order-service\.$/),
        expect.stringMatching(/^Warning: Authorization is in dry run/),
      ]);
      expect(await attention.getByText('Enforce', { exact: true }).locator('xpath=ancestor::a').getAttribute('href')).toContain(
        '/create/templates/default/mesh-enforce-authorization?',
      );
      // Drift is Git's to put back, not a form's to change: the item says how, and offers no template.
      await attention.getByText(/Git holds the right objects/).waitFor();
      await page.getByRole('table').first().waitFor({ timeout: 60_000 });
      expect(await clippedColumns()).toEqual([]);
      await page.screenshot({ path: path.join(screenshotDir, `entity-mesh-tab-order-service-${width}.png`) });
    });

    it('lists the components on the overview worst first, health, findings and drift in their own columns, and cuts no column', async () => {
      await page.goto(`${portal.appUrl}/mesh`, { waitUntil: 'domcontentloaded' });
      await page.getByRole('table').first().waitFor({ timeout: 120_000 });
      expect(await clippedColumns()).toEqual([]);
      const headers = (await page.getByRole('columnheader').allInnerTexts()).map(h => h.trim().toLowerCase());
      expect(headers).toEqual(expect.arrayContaining(['health', 'findings', 'drift']));
      // Each row's one link is its component's name (a long name may wrap at its hyphen).
      const names = (await page.locator('table tbody tr a').allInnerTexts()).map(name => name.replace(/\s+/g, ''));
      const order = ['payment-service', 'user-service'].map(name => names.indexOf(name));
      expect(order).not.toContain(-1);
      // With Prometheus, payment-service (degraded) comes before the services with no requests; order-service's drift is in its row.
      expect(prometheusMissing || order[0] < order[1]).toBe(true);
      expect(
        await page
          .getByRole('row', { name: /order-service/ })
          .first()
          .innerText(),
      ).toMatch(/not as in Git/);
    });

    it("draws payment-service's callers with their rates, charts its health with time axes and one time range, and cuts no column", async () => {
      await page.goto(`${portal.appUrl}/catalog/default/component/payment-service/mesh`, { waitUntil: 'domcontentloaded' });
      await page.getByRole('table').first().waitFor({ timeout: 120_000 });
      expect(await clippedColumns()).toEqual([]);
      if (!prometheus) {
        // eslint-disable-next-line no-console
        console.warn(`SKIPPED: ${prometheusMissing}; the graph and the charts were not checked.`);
        return;
      }
      const graph = page.getByLabel('traffic graph').first();
      await waitOrScreenshot(page, graph.getByText(/100\.0 req\/s/).first(), `traffic-graph-${width}-failed.png`);
      expect(await graph.locator('[aria-label="calls it: order-service"]').count()).toBe(1);
      expect(await graph.innerText()).toMatch(/100\.0 req\/s · 2\.0% errors · 90% mTLS/);
      const chart = page.getByRole('figure', { name: 'Requests chart' }).first();
      const ticks = async () =>
        (await chart.locator('.recharts-xAxis .recharts-cartesian-axis-tick-value').allTextContents()).map(tick => {
          const [h, m] = tick.split(':').map(Number);
          return h * 60 + m;
        });
      await chart.locator('.recharts-xAxis .recharts-cartesian-axis-tick-value').first().waitFor({ timeout: 60_000 });
      const wide = await ticks();
      expect(Math.max(...wide) - Math.min(...wide)).toBeGreaterThanOrEqual(15);
      expect(await chart.locator('.recharts-legend-item-text').allTextContents()).toEqual(['v1', 'v2']);
      expect(await page.getByRole('figure', { name: '5xx answers chart' }).first().innerText()).toMatch(/failing from 10%/);
      if (width === 1440) {
        await graph.screenshot({ path: path.join(screenshotDir, 'traffic-graph.png') });
        await page
          .getByRole('figure', { name: 'Requests chart' })
          .first()
          .locator('xpath=ancestor::div[contains(@class,"MuiGrid-container")][1]')
          .screenshot({ path: path.join(screenshotDir, 'health-charts.png') });
      }
      // One time range for the Health card and the canary's charts: the last 5 minutes.
      await page
        .getByRole('button', { name: /Time range/ })
        .first()
        .click();
      await page.getByRole('option', { name: 'Last 5 minutes' }).click();
      await page.waitForTimeout(300);
      const narrow = await ticks();
      expect(Math.max(...narrow) - Math.min(...narrow)).toBeLessThanOrEqual(5);
      expect(
        await page
          .getByRole('button', { name: /Time range/ })
          .nth(1)
          .innerText(),
      ).toMatch(/Last 5 minutes/);
    });
  });

  it("onboard-service's form offers the callers from the catalog (its second page), with payment-service's dependents chosen", async () => {
    const orderService = await openPaymentCallers('onboard-service-form-failed.png');
    expect(await orderService.isChecked()).toBe(true);
    expect(await page.getByLabel('user-service (cluster.local/ns/users/sa/user-service)').isChecked()).toBe(false);
    await page.screenshot({ path: path.join(screenshotDir, 'onboard-service-form.png'), fullPage: true });
  });

  it('onboards user-service through the form: an invalid port is refused, then the branch it opens passes meshport analyze', async () => {
    const port = await openOnboardingForm('user-service');
    // Each port of the list is titled in words, not "Service ports-1".
    expect(await page.getByRole('heading', { name: 'Port', exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText(/Service ports-\d/).count()).toBe(0);
    await port.fill('70000');
    await page.getByRole('button', { name: 'Next' }).click();
    // The browser refuses the value before the form moves on (the field's maximum is 65535).
    expect(await port.evaluate(input => (input as HTMLInputElement).validationMessage)).toMatch(/65535/);
    expect(await page.locator('#root_ports_0_number').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screenshotDir, 'onboard-service-refuses-port.png'), fullPage: true });
    await port.fill('8080');
    // A port name the model refuses: the model's words under the field as it is typed, and Next does not move on.
    const name = page.locator('#root_ports_0_name');
    await name.fill('HTTP Port!');
    const rule = 'must be lowercase letters, digits and "-", starting and ending with a letter or digit';
    await page.getByText(rule).first().waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForTimeout(500);
    expect(await name.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screenshotDir, 'onboard-service-refuses-port-name.png'), fullPage: true });
    await name.fill('http');
    // Corrected, the field says what it is for again (the errors Next listed go when Next is pressed again).
    expect(await page.locator('#root_ports_0_name-helper-text').innerText()).toBe('For example "http" or "grpc-api"');
    // Service, Security, Sidecar, GitOps repository, then the review page with its Create button.
    let previewText = '';
    await createFromForm(async () => {
      previewText = await page.getByLabel('policy preview').innerText();
      await page.screenshot({ path: path.join(screenshotDir, 'onboard-service-preview.png'), fullPage: true });
    });
    // The preview, computed in the browser, showed the manifests the branch now holds, as additions to the GitOps branch.
    expect(previewText).toMatch(
      /Against mesh\/users\/user-service on branch main \([0-9a-f]{12}\): \d+ added, 0 changed, 0 removed, 0 unchanged; and meshport-owned.yaml/,
    );
    expect(previewText).toContain('peerauthentication-user-service.yaml');
    expect(previewText).toContain('namespace: users');
    // It opens with what the change does, in words, before any file.
    expect(previewText).toMatch(
      /^What the change request will propose\s+Puts users\/user-service on the mesh with a sidecar in each pod, on port 8080 \(http, HTTP\)\.\s+Accepts only mutual TLS: callers without a proxy are refused\./,
    );
    await page.screenshot({ path: path.join(screenshotDir, 'onboard-service-task.png'), fullPage: true });
    // The change request's link opens the component's Mesh tab (a browser cannot open the demo's local repository), where the branch is, with the command that shows it.
    const changeRequest = page.getByText('Change request', { exact: true }).first().locator('xpath=ancestor-or-self::a');
    expect(await changeRequest.getAttribute('href')).toMatch(/\/catalog\/default\/component\/user-service\/mesh$/);
    // An absolute link opens in a new tab: follow it here.
    const reviewUrl = (await changeRequest.getAttribute('href'))!;
    const openChanges = page.getByLabel('open mesh changes');
    // The tab visited before the change may answer from the status's 5-second cache of open changes once more.
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await page.goto(reviewUrl, { waitUntil: 'domcontentloaded' });
      const listed = await openChanges
        .getByText(/meshport\/users\/user-service/)
        .first()
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (listed) break;
    }
    await waitOrScreenshot(page, openChanges.getByText(/meshport\/users\/user-service/).first(), 'change-request-link-failed.png');
    expect(await openChanges.innerText()).toMatch(
      /branch meshport\/users\/user-service of the Git repository on the portal's machine; see it with git -C \S+gitops\.git log -p HEAD\.\.meshport\/users\/user-service/,
    );

    expect(branchesOf(gitopsRepository)).toContain('meshport/users/user-service');
    const clone = cloneBranch(gitopsRepository, 'meshport/users/user-service');
    expect(fs.readdirSync(path.join(clone, 'mesh/users/user-service'))).toEqual(
      expect.arrayContaining(['kustomization.yaml', 'peerauthentication-user-service.yaml']),
    );
    expectAnalyzed(path.join(clone, 'mesh'));
  });

  it('onboards inventory-service in ambient mode through the form: the preview prices both data planes, and the branch enrolls its pods in ambient', async () => {
    const port = await openOnboardingForm('inventory-service');
    await port.fill('8080');
    const create = page.getByRole('button', { name: 'Create' });
    const sidecarChoice = page.getByText('Sidecar: an Envoy proxy in every pod');
    let picked = false;
    let previewText = '';
    for (let step = 0; step < 8 && !(await create.isVisible()); step += 1) {
      if (!picked && (await sidecarChoice.isVisible())) {
        await sidecarChoice.click();
        await page.getByRole('option', { name: /^Ambient/ }).click();
        picked = true;
        await page.screenshot({ path: path.join(screenshotDir, 'onboard-service-ambient-choice.png'), fullPage: true });
        // The preview is the next page: wait for it to compute.
        await page.getByRole('button', { name: 'Next' }).click();
        await waitOrScreenshot(page, page.getByText('What the change request will propose'), 'onboard-service-ambient-preview-failed.png');
        previewText = await page.getByLabel('data plane cost').innerText();
        await page.screenshot({ path: path.join(screenshotDir, 'onboard-service-ambient-preview.png'), fullPage: true });
      }
      await page.getByRole('button', { name: /^(Next|Review)$/ }).click();
      await page.waitForTimeout(300);
    }
    expect(picked).toBe(true);
    // Both costs side by side, ambient the chosen one.
    expect(previewText).toMatch(/sidecar\s+\S+\s+\S+/);
    expect(previewText).toContain('ambient (chosen)');
    await create.click({ timeout: 10_000 });
    await page.getByText('Change request', { exact: true }).first().waitFor({ timeout: 120_000 });
    expect(branchesOf(gitopsRepository)).toContain('meshport/inventory/inventory-service');
    const clone = cloneBranch(gitopsRepository, 'meshport/inventory/inventory-service');
    const patch = fs.readFileSync(path.join(clone, 'mesh/inventory/inventory-service/sidecar/deployment-patch.yaml'), 'utf8');
    expect(patch).toContain('istio.io/dataplane-mode: ambient');
    expectAnalyzed(path.join(clone, 'mesh'));
  });

  it('refuses to go on with onboarding that takes access away from a caller Prometheus saw, until the user ticks it', async () => {
    const orderService = await openPaymentCallers('access-loss-form-failed.png');
    // The user drops order-service, which calls payment-service, from the allowed callers.
    await orderService.uncheck();
    const access = page.getByLabel('who keeps access');
    for (let step = 0; step < 4 && !(await access.isVisible()); step += 1) {
      await page.getByRole('button', { name: 'Next' }).click();
      await page.waitForTimeout(500);
    }
    await waitOrScreenshot(page, access, 'access-loss-preview-failed.png');
    const words = await access.innerText();
    expect(words).toMatch(/1 caller\(s\) would lose access/);
    expect(words).toMatch(/orders\/order-service: GET \/ allowed before, denied after \(sidecar at payments\/payment-service: .*\); known as: .*seen calling/);
    await page.screenshot({ path: path.join(screenshotDir, 'onboard-service-access-loss.png'), fullPage: true });
    await access.screenshot({ path: path.join(screenshotDir, 'who-keeps-access.png') });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForTimeout(500);
    // Not ticked: the form stays on the preview and says why under it.
    expect(await access.isVisible()).toBe(true);
    expect(
      await page
        .getByText(/orders\/order-service would lose access: tick each one that is meant/)
        .first()
        .isVisible(),
    ).toBe(true);
    await page.getByLabel('orders/order-service may lose access').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('GitOps repository', { exact: false }).first().waitFor({ timeout: 10_000 });
    expect(await access.isVisible()).toBe(false);
  });

  it("shows order-service's dry-run policies and its Sidecar drifted from the merged folder, and follows the enforce button to the change request", async () => {
    await page.goto(`${portal.appUrl}/catalog/default/component/order-service/mesh`, { waitUntil: 'domcontentloaded' });
    const enforce = page.getByText('Enforce: open the change request').first();
    await waitOrScreenshot(page, enforce, 'enforce-failed.png');
    // npm start's demo GitOps repository holds order-service's folder on main; both clusters run it but the Sidecar's newest host.
    await page
      .getByText(/drifted: spec\.egress/)
      .first()
      .waitFor({ timeout: 60_000 });
    const text = await page.locator('main').innerText();
    // One object drifted in each cluster: the Sidecar (the Deployment's patch, service account included, is applied).
    expect(text.match(/drifted: /g)).toHaveLength(2);
    // With Prometheus (npm start's and this test's), what they would deny; without, why that is unknown.
    expect(text).toMatch(
      prometheus
        ? /In dry run, counted but not enforced: orders\/order-service-allow-callers, orders\/order-service-deny-by-default; they would have denied 0\.50 requests\/s over the last 5m/
        : /In dry run, counted but not enforced: orders\/order-service-allow-callers, orders\/order-service-deny-by-default; what they would deny is unknown/,
    );
    await page.screenshot({ path: path.join(screenshotDir, 'entity-mesh-tab-dry-run-and-drift.png'), fullPage: true });

    const mainPolicy = git(gitopsRepository, 'show', 'main:mesh/orders/order-service/meshport-policy.yaml');
    await enforce.click();
    let previewText = '';
    let accessText = '';
    await createFromForm(async () => {
      await page.getByLabel('who keeps access').waitFor({ timeout: 60_000 });
      previewText = await page.getByLabel('policy preview').innerText();
      accessText = await page.getByLabel('who keeps access').innerText();
      await page.getByLabel('who keeps access').screenshot({ path: path.join(screenshotDir, 'enforce-who-keeps-access.png') });
    });
    // The preview diffed the new files against the merged folder: the policies change, nothing is added.
    expect(previewText).toMatch(/Against mesh\/orders\/order-service on branch main \([0-9a-f]{12}\): 0 added, [1-9]\d* changed, 0 removed/);
    // Every caller the stored policy names (the ingress gateway, its health checks) keeps access once enforced.
    expect(accessText).toMatch(/every caller Meshport knows of keeps the access it has/);
    expect(accessText).toMatch(/istio-system\/istio-ingressgateway-service-account: GET \/api\/v1\/ordersx allowed before and after/);
    const clone = cloneBranch(gitopsRepository, 'meshport/orders/order-service');
    // The change is an edit: of the stored policy only the dry run changed.
    const branchPolicy = fs.readFileSync(path.join(clone, 'mesh/orders/order-service/meshport-policy.yaml'), 'utf8');
    expect([linesOnlyIn(mainPolicy, branchPolicy), linesOnlyIn(branchPolicy, mainPolicy)]).toEqual([['dryRun: true'], ['dryRun: false']]);
    const denyByDefault = fs.readFileSync(path.join(clone, 'mesh/orders/order-service/authorizationpolicy-order-service-deny-by-default.yaml'), 'utf8');
    expect(denyByDefault).toContain('action: ALLOW');
    expect(denyByDefault).not.toContain('istio.io/dry-run');
    expect(fs.readFileSync(path.join(clone, 'mesh/orders/order-service/authorizationpolicy-order-service-allow-callers.yaml'), 'utf8')).toContain(
      '/api/v1/orders*',
    );
    expectAnalyzed(path.join(clone, 'mesh'));
  });

  it("adopts payment-service's running canary into Git from the Mesh tab, then follows the verdict into the canary template: roll back, and the branch sends v2 nothing", async () => {
    if (!prometheus) {
      // eslint-disable-next-line no-console
      console.warn(`SKIPPED: ${prometheusMissing}; the canary verdict check did not run.`);
      return;
    }
    // payment-service goes on the mesh first (the demo's GitOps repository holds none of it), its dependents allowed.
    const port = await openOnboardingForm('payment-service');
    await port.fill('8080');
    await createFromForm();
    // The demo's canary runs in the clusters but not in Git: the Mesh tab says so, and its button adopts it through the template's start step.
    await page.goto(`${portal.appUrl}/catalog/default/component/payment-service/mesh`, { waitUntil: 'domcontentloaded' });
    const adopt = page.getByText('Adopt the running canary into Git').first();
    await waitOrScreenshot(page, adopt, 'canary-adopt-failed.png');
    expect(await page.getByLabel('canary outside git').first().innerText()).toMatch(/The cluster runs this canary, but the policy in Git has none/);
    // No step the task would refuse is offered meanwhile, once every cluster's card has asked Git.
    const refused = page.getByText('Roll back: open the change request');
    for (let attempt = 0; attempt < 50 && (await refused.count()) > 0; attempt += 1) await page.waitForTimeout(100);
    expect(await refused.count()).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir, 'entity-mesh-tab-canary-outside-git.png'), fullPage: true });
    await adopt.click();
    await page.getByText('Start: send a share of traffic to a new version').waitFor({ timeout: 60_000 });
    await createFromForm();
    const virtualService = () =>
      fs.readFileSync(
        path.join(cloneBranch(gitopsRepository, 'meshport/payments/payment-service'), 'mesh/payments/payment-service/virtualservice-payment-service.yaml'),
        'utf8',
      );
    // The weight the cluster runs, now in Git.
    expect(virtualService()).toMatch(/subset: canary\s+(port:\s+number: \d+\s+)?weight: [1-9]\d*\b/);

    await page.goto(`${portal.appUrl}/catalog/default/component/payment-service/mesh`, { waitUntil: 'domcontentloaded' });
    const rollback = page.getByText('Roll back: open the change request').first();
    await waitOrScreenshot(page, rollback, 'canary-verdict-failed.png');
    expect(await page.getByLabel('canary analysis').first().innerText()).toMatch(/success rate\s+90\.0%\s+98\.9%\s+at least 99\.0%\s+fails/);
    await page.screenshot({ path: path.join(screenshotDir, 'entity-mesh-tab-canary-verdict.png'), fullPage: true });
    await rollback.click();
    // The canary template, with the component and the rollback step chosen.
    await page.getByText('Rollback: send all traffic back to the stable version').waitFor({ timeout: 60_000 });
    await createFromForm();
    expect(virtualService()).toMatch(/subset: canary\s+(port:\s+number: \d+\s+)?weight: 0\b/);
  });

  it("follows payment-service's right-sizing button into the right-sizing template: the change request changes only the proxy resources and the pods, and every caller keeps access", async () => {
    if (!prometheus) {
      // eslint-disable-next-line no-console
      console.warn(`SKIPPED: ${prometheusMissing}; the right-sizing check did not run.`);
      return;
    }
    const policyFile = 'meshport/payments/payment-service:mesh/payments/payment-service/meshport-policy.yaml';
    const before = git(gitopsRepository, 'show', policyFile);
    await page.goto(`${portal.appUrl}/catalog/default/component/payment-service/mesh`, { waitUntil: 'domcontentloaded' });
    // The live cluster and the demo's both recommend it (npm start backfills the demo's Prometheus too).
    const button = page.getByText('Open the right-sizing change request').first();
    await waitOrScreenshot(page, button, 'right-sizing-failed.png');
    expect(await page.getByLabel('right-sizing').first().innerText()).toMatch(
      /Request 0\.065 CPU cores and 75 MiB memory \(limit 150 MiB\) instead of 0\.1 CPU cores and 128 MiB/,
    );
    await page.screenshot({ path: path.join(screenshotDir, 'entity-mesh-tab-right-sizing.png'), fullPage: true });
    await button.click();
    await page.getByRole('button', { name: 'Next' }).click({ timeout: 60_000 });
    const cpu = page.locator('#root_proxyCpuRequest');
    await cpu.waitFor({ timeout: 60_000 });
    expect([await cpu.inputValue(), await page.locator('#root_replicas').inputValue()]).toEqual(['65m', '4']);
    let accessText = '';
    await createFromForm(async () => {
      await page.getByLabel('who keeps access').waitFor({ timeout: 60_000 });
      accessText = await page.getByLabel('who keeps access').innerText();
    });
    expect(accessText).toMatch(/every caller Meshport knows of keeps the access it has/);
    expect(accessText).toMatch(/orders\/order-service: .* allowed before and after/);
    // The change is an edit of what the branch held: the requests, the memory limit and the pods measured, nothing else.
    const after = git(gitopsRepository, 'show', policyFile);
    expect([linesOnlyIn(before, after), linesOnlyIn(after, before)]).toEqual([
      expect.arrayContaining(['replicas: 2']),
      expect.arrayContaining(['replicas: 4', 'cpuRequest: 65m', 'memoryRequest: 75Mi', 'memoryLimit: 150Mi']),
    ]);
    expect(linesOnlyIn(after, before).filter(line => !/^(replicas|cpuRequest|memoryRequest|memoryLimit):/.test(line))).toEqual([]);
    const patch = fs.readFileSync(
      path.join(cloneBranch(gitopsRepository, 'meshport/payments/payment-service'), 'mesh/payments/payment-service/sidecar/deployment-patch.yaml'),
      'utf8',
    );
    expect(patch).toContain('sidecar.istio.io/proxyCPU: 65m');
    expect(patch).toContain('sidecar.istio.io/proxyMemoryLimit: 150Mi');
  });

  it('logs no plugin start-up failure while serving the portal', () => {
    expect(findStartupFailures(portal.process.output())).toEqual([]);
  });
});
