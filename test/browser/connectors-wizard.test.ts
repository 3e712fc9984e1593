// The connector pages' rules in a real browser: inline errors beside the right controls, the IAM policy panel, the
// in-page Delete confirmation, analysts without change buttons, status explanations, and a narrow window.
import { createServer, type Socket } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, screenshot, signIn, startWorld, watchForScriptInjection, type ConsoleWorld } from './support/harness.js';

const MARKUP_NAME = '<img src=x onerror=alert(1)><script>alert(2)</script>';
let world: ConsoleWorld;
let token: string;

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${world.service.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const connector = (name: string) => ({
  name, category: 'paas', type: 'aws_cloudwatch', functions: ['collect'], tenant: 'acme', runOn: 'data-processor',
  config: { authMethod: 'access_key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1', logGroups: ['app-logs'], endpoint: 'http://127.0.0.1:9' },
});

beforeAll(async () => {
  world = await startWorld();
  const login = await fetch(`${world.service.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  token = ((await login.json()) as { token: string }).token;
  expect((await call('POST', '/tenants', { name: 'acme' })).status).toBe(201);
  expect((await call('POST', '/users', { username: 'ana', password: 'analyst password 123', role: 'tenant_analyst', tenant: 'acme' })).status).toBe(201);
  expect((await call('POST', '/users', { username: 'tad', password: 'tenant admin password 123', role: 'tenant_admin', tenant: 'acme' })).status).toBe(201);
  // Names are printable ASCII, so markup is a valid name: it must show as text.
  for (const name of ['alpha', 'bravo', MARKUP_NAME]) expect((await call('POST', '/connectors', connector(name))).status).toBe(201);
});
afterAll(async () => world?.close());

/** The error text a control points at with aria-describedby, and whether it is marked invalid. */
async function problemOf(page: Page, label: string): Promise<{ invalid: string | null; described: string }> {
  const control = page.getByLabel(label, { exact: true });
  const invalid = await control.getAttribute('aria-invalid');
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return { invalid, described: texts.join(' ') };
}

describe('the Create wizard', () => {
  it('shows every problem inline next to its control, on the tab where it is, and accepts the corrected connector', async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'General' }).waitFor();
    expect(await page.getByText('The information on this tab cannot be changed after you add the connector.').isVisible()).toBe(true);
    // The only tenant is chosen already; unchoosing it is a problem like an empty Name.
    expect(await page.getByLabel('Tenant Name', { exact: true }).inputValue()).toBe('acme');
    await page.getByLabel('Tenant Name', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await problemOf(page, 'Name')).toMatchObject({ invalid: 'true', described: expect.stringContaining('Name is required') });
    expect(await problemOf(page, 'Tenant Name')).toMatchObject({ invalid: 'true', described: expect.stringContaining('Tenant Name is required') });

    // A multibyte name passes the tab's own check; the API refuses it and the wizard goes back to the General tab.
    await page.getByLabel('Name', { exact: true }).fill('vpc-流量');
    await page.getByLabel('Tenant Name', { exact: true }).selectOption('acme');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Access Key', { exact: true }).fill('not a key');
    await page.getByLabel('Interval (min)', { exact: true }).fill('0');
    // Log Stream(s) only with exactly one Log Group.
    expect(await page.getByLabel('Log Stream(s)', { exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'General' }).waitFor();
    expect(await problemOf(page, 'Name')).toMatchObject({ invalid: 'true', described: expect.stringContaining('multibyte characters are not accepted') });
    expect(await page.getByRole('alert').textContent()).toContain('config.logGroups');

    await page.getByLabel('Name', { exact: true }).fill('vpc-flow');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Configuration' }).waitFor();
    expect(await problemOf(page, 'Access Key')).toMatchObject({ invalid: 'true', described: expect.stringContaining('Access Key') });
    expect((await problemOf(page, 'Log Group(s)')).invalid).toBe('true');
    expect(await problemOf(page, 'Interval (min)')).toMatchObject({ invalid: 'true', described: expect.stringContaining('>= 1') });
    expect((await problemOf(page, 'Region')).invalid).toBe('false');

    await page.getByLabel('Access Key', { exact: true }).fill('AKIAIOSFODNN7EXAMPLE');
    await page.getByLabel('Interval (min)', { exact: true }).fill('5');
    const groups = page.getByLabel('Log Group(s)', { exact: true });
    await groups.fill('vpc-flow');
    await groups.press('Enter');
    expect(await page.getByLabel('Log Stream(s)', { exact: true }).isDisabled()).toBe(false);
    await groups.fill('second-group');
    await groups.press('Enter');
    expect(await page.getByLabel('Log Stream(s)', { exact: true }).isDisabled()).toBe(true);
    // The secret was never entered: the API names it once the schema problems are fixed.
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Configuration' }).waitFor();
    expect(await problemOf(page, 'Secret Key')).toMatchObject({ invalid: 'true', described: expect.stringContaining('Secret Key is required') });
    expect((await problemOf(page, 'Access Key')).invalid).toBe('false');
    await page.getByLabel('Secret Key', { exact: true }).fill('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('alertdialog', { name: 'Add to the default Data Analyzer profile?' }).getByRole('button', { name: 'Cancel' }).click();
    await page.locator('tr[data-connector="vpc-flow"]').waitFor();
  });

  it('shows the least-privilege policy and, for an IAM role, its trust policy, with a Copy button', async () => {
    const { page, context } = await world.newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page);
    await page.goto('/#/connectors/new');
    await page.getByLabel('Name', { exact: true }).fill('cross-account');
    await page.getByLabel('Tenant Name', { exact: true }).selectOption('acme');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Auth Method', { exact: true }).selectOption('iam_role');
    await page.getByLabel('IAM Role ARN', { exact: true }).fill('arn:aws:iam::578000000273:role/Stellar-cloudwatch-role');
    await page.getByLabel('Region', { exact: true }).selectOption('eu-west-1');
    await page.getByLabel('Log Group(s)', { exact: true }).fill('/aws/eks/prod/cluster');
    await page.getByLabel('Log Group(s)', { exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Show IAM policy' }).click();
    const panel = page.getByRole('region', { name: 'IAM policy' });
    await panel.getByRole('heading', { name: /^Trust policy/ }).waitFor();
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('arn:aws:logs:eu-west-1:578000000273:log-group:/aws/eks/prod/cluster:*');
    expect(text).toContain('logs:FilterLogEvents');
    expect(text).not.toContain('logs:PutLogEvents');
    await screenshot(page, 'iam-policy');
    await panel.getByRole('button', { name: 'Copy permissions policy' }).click();
    await panel.getByText('Copied').first().waitFor();
    const copied = JSON.parse(await page.evaluate('navigator.clipboard.readText()') as string) as { Statement: Array<{ Action: unknown }> };
    expect(JSON.stringify(copied.Statement)).toContain('logs:DescribeLogStreams');
  });

  it('tells a tenant administrator who answers OK to ask the root administrator for the profile', async () => {
    const { page } = await world.newPage();
    await signIn(page, 'tad', 'tenant admin password 123');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByLabel('Name', { exact: true }).fill('tenant-made');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Access Key', { exact: true }).fill('AKIAIOSFODNN7EXAMPLE');
    await page.getByLabel('Secret Key', { exact: true }).fill('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    await page.getByLabel('Log Group(s)', { exact: true }).fill('app-logs');
    await page.getByLabel('Log Group(s)', { exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('alertdialog', { name: 'Add to the default Data Analyzer profile?' }).getByRole('button', { name: 'OK' }).click();
    const advice = page.getByRole('alertdialog', { name: 'Data Analyzer profile' });
    await advice.getByText('Ask your root administrator', { exact: false }).waitFor();
    await advice.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.locator('tr[data-connector="tenant-made"] .status-cell .badge').textContent()).toBe('Not in a profile');
  });
});

describe('the Connector Overview', () => {
  it('explains a status on hover and on expand, and deletes only after the in-page confirmation', async () => {
    const { page } = await world.newPage();
    const seen = watchForScriptInjection(page);
    await signIn(page);
    const alpha = page.locator('tr[data-connector="alpha"]');
    const badge = alpha.locator('.status-cell .badge');
    await expect.poll(() => badge.textContent()).toBe('Not in a profile');
    expect(await badge.getAttribute('title')).toContain('belongs to no Data Analyzer profile');
    await alpha.getByRole('button', { name: /^Why is alpha/ }).click();
    await alpha.getByText('belongs to no Data Analyzer profile', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Delete bravo' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete connector?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await page.locator('tr[data-connector="bravo"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Delete bravo' }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.locator('tr[data-connector="bravo"]').waitFor({ state: 'detached' });
    expect((await call('GET', '/connectors')).ok).toBe(true);
    expect(await page.getByRole('rowheader', { name: MARKUP_NAME, exact: true }).isVisible()).toBe(true);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(seen).toEqual({ errors: [], dialogs: [] });
  });

  it('says so when another test is running: one test at a time', async () => {
    // An endpoint that accepts connections and never answers keeps the first test running.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const created = await call('POST', '/connectors', { ...connector('silent'), config: { ...connector('silent').config, endpoint: `http://127.0.0.1:${port}` } });
    const id = ((await created.json()) as { connector: { id: string } }).connector.id;
    const first = call('POST', `/connectors/${id}/test`);
    try {
      await expect.poll(() => sockets.length).toBeGreaterThan(0);
      const { page } = await world.newPage();
      await signIn(page);
      await page.getByRole('button', { name: 'Test alpha' }).click();
      const dialog = page.getByRole('dialog', { name: 'Test: alpha' });
      await dialog.getByText('Another test is running.').waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await first;
    }
  });

  it('gives analysts no change buttons', async () => {
    const { page } = await world.newPage();
    await signIn(page, 'ana', 'analyst password 123');
    await page.locator('tr[data-connector="alpha"]').waitFor();
    expect(await page.getByRole('button', { name: 'Create' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Test alpha' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete alpha' }).count()).toBe(0);
  });

  it('fits a narrow window: only the table scrolls sideways', async () => {
    const { page } = await world.newPage({ width: 390, height: 844 });
    await signIn(page);
    await page.locator('tr[data-connector="alpha"]').waitFor();
    const widths = (await page.evaluate(`(() => {
      const wrap = document.querySelector('.table-wrap');
      return { page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth, table: wrap.scrollWidth, wrap: wrap.clientWidth };
    })()`)) as { page: number; viewport: number; table: number; wrap: number };
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(widths.table).toBeGreaterThan(widths.wrap);
    await screenshot(page, 'connectors-narrow');
    await page.goto('/#/connectors/new');
    await page.getByRole('heading', { name: 'General' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
  });
});
