// Tenancy and the admin pages in a real browser: a tenant analyst sees only their tenant's connectors and records;
// an administrator manages log filters (inline rule errors), profiles, tenants and users.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/api/system-actor.js';
import type { InterflowRecord } from '../../src/core/record.js';
import { parseEvent } from '../../src/parsers/index.js';
import { descriptionOf, screenshot, signIn, startWorld, type ConsoleWorld } from './support/harness.js';

const ANALYST = { username: 'ana', password: 'analyst password 1' };
const TENANT_ADMIN = { username: 'tad', password: 'tenant admin password 1' };
let world: ConsoleWorld;
const connectorIds: Record<string, string> = {};

function connector(tenant: string) {
  return {
    name: `${tenant}-app-logs`, category: 'paas', type: 'aws_cloudwatch', functions: ['collect'], tenant, runOn: 'data-processor', logFilters: [],
    config: { authMethod: 'access_key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1', endpoint: world.emulator.url, logGroups: [`/ecs/${tenant}`], intervalMinutes: 60 },
  };
}

function line(tenant: string, position: number): InterflowRecord {
  return parseEvent({ timestamp: Date.now() - 60_000 * (position + 1), message: `${tenant} secret line ${position}`, eventId: `${tenant}-${position}` }, { logGroup: `/ecs/${tenant}`, region: 'us-east-1', accountId: '123456789012', tenant, vpcFlowLogs: false });
}

beforeAll(async () => {
  world = await startWorld();
  const service = world.service.service;
  for (const tenant of ['acme', 'globex']) {
    service.tenants.create(SYSTEM_ACTOR, tenant);
    connectorIds[tenant] = service.connectors.create(SYSTEM_ACTOR, connector(tenant), { addToDefaultProfile: true }).connector.id;
  }
  await service.users.create(SYSTEM_ACTOR, { ...ANALYST, role: 'tenant_analyst', tenant: 'acme' });
  await service.users.create(SYSTEM_ACTOR, { ...TENANT_ADMIN, role: 'tenant_admin', tenant: 'acme' });
  await service.users.create(SYSTEM_ACTOR, { username: 'gus', password: 'globex user password', role: 'tenant_analyst', tenant: 'globex' });
  await world.service.store.write([...[0, 1, 2].map((n) => line('acme', n)), ...[0, 1, 2, 3].map((n) => line('globex', n))]);
});
afterAll(async () => world?.close());

const cell = (page: Page, table: string, text: string) => page.getByRole('table', { name: table }).getByRole('cell', { name: text, exact: true });

describe('a tenant analyst', () => {
  it('sees only their tenant: connectors, records, users; profiles read-only', async () => {
    const { page } = await world.newPage();
    await signIn(page, ANALYST.username, ANALYST.password);
    expect(await page.getByRole('link', { name: 'Tenants & Users' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain('globex-app-logs');

    await page.getByRole('link', { name: 'Threat Hunting' }).click();
    await expect.poll(() => page.locator('.hunt-total').textContent()).toBe('3 hits');
    const text = await page.getByRole('table', { name: 'Search results' }).textContent();
    expect(text).toContain('acme secret line 0');
    expect(text).not.toContain('globex');
    expect(await page.getByLabel('Tenant', { exact: true }).count()).toBe(0);
    // A shared link naming another tenant is refused by the API, not narrowed silently.
    await page.goto('/#/threat-hunting?indices=syslog&range=24h&tenant=globex');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('you can only search your own tenant');
    expect(await page.getByRole('table', { name: 'Search results' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Profiles' }).click();
    await cell(page, 'Connectors in default', 'acme-app-logs').waitFor();
    expect(await page.getByRole('table', { name: 'Connectors in default' }).textContent()).not.toContain('globex');
    expect(await page.getByRole('note').textContent()).toContain('You do not have privileges to configure Data Analyzer profiles');
    expect(await page.getByRole('button', { name: /Remove/ }).count()).toBe(0);

    await page.getByRole('link', { name: 'Log Filters' }).click();
    await page.getByText('Read-only: changing log filters').waitFor();
    expect(await page.getByRole('button', { name: 'Create log filter' }).count()).toBe(0);
  });
});

describe('administrators', () => {
  it('a root administrator may narrow Threat Hunting to one tenant', async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await page.goto('/#/threat-hunting?indices=syslog&q=message:"secret+line"&range=24h');
    await expect.poll(() => page.locator('.hunt-total').textContent()).toBe('7 hits');
    await page.getByLabel('Tenant', { exact: true }).selectOption('globex');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('.hunt-total').textContent()).toBe('4 hits');
    expect(new URL(page.url()).hash).toContain('tenant=globex');
    expect(await page.getByRole('table', { name: 'Search results' }).textContent()).not.toContain('acme');
  });

  it('create, edit and delete a log filter, with the API\'s rule error inline', async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Log Filters' }).click();
    await page.getByRole('button', { name: 'Create log filter' }).click();
    await page.getByLabel(/^Name\*?$/).fill('Drop health checks');
    await page.getByLabel('ID').fill('drop-health');
    await page.getByLabel('Tenant Name').selectOption('acme');
    await page.getByLabel('Rule').fill('message:healthz AND (');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => descriptionOf(page.getByLabel('Rule'))).toContain('ends where a term was expected (at column 22)');
    expect(await page.getByLabel('Rule').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Rule').fill('message:healthz');
    await page.getByRole('button', { name: 'Save' }).click();
    await cell(page, 'Log filters', 'drop-health').waitFor();
    expect(await cell(page, 'Log filters', 'message:healthz').count()).toBe(1);

    // Attach it to acme's connector (the wizard's Log Filters field does this; here through the API): "Used by".
    const patched = await page.request.patch(`/api/v1/connectors/${connectorIds.acme}`, { data: { logFilters: ['drop-health'] } });
    expect(patched.status()).toBe(200);
    await page.reload();
    await cell(page, 'Log filters', 'acme-app-logs').waitFor();
    await expect.poll(() => cell(page, 'Log filters', '0').count()).toBe(1);

    await page.getByRole('button', { name: 'Edit Drop health checks' }).click();
    expect(await page.getByLabel('ID').getAttribute('readonly')).not.toBeNull();
    await page.getByLabel('Action').selectOption('keep');
    await page.getByRole('button', { name: 'Save' }).click();
    await cell(page, 'Log filters', 'keep').waitFor();
    await screenshot(page, 'log-filters');

    // Deleting a filter a connector uses is refused with the API's reason; detached, it goes.
    await page.getByRole('button', { name: 'Delete Drop health checks' }).click();
    await page.getByRole('button', { name: 'Confirm delete Drop health checks' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('attached to connector');
    expect((await page.request.patch(`/api/v1/connectors/${connectorIds.acme}`, { data: { logFilters: [] } })).status()).toBe(200);
    await page.getByRole('button', { name: 'Confirm delete Drop health checks' }).click();
    await page.getByText('No log filters yet.').waitFor();
  });

  it('shows what a filter dropped and which connector uses it, after that connector collected', async () => {
    // Five events in the emulator, three of them health checks; a globex connector with a drop filter collects them.
    const scope = { accountId: '123456789012', region: 'us-east-1' };
    const logs = world.emulator.logs;
    logs.handle(scope, 'CreateLogGroup', { logGroupName: '/ecs/noisy' });
    logs.handle(scope, 'CreateLogStream', { logGroupName: '/ecs/noisy', logStreamName: 'web' });
    const at = Date.now() - 5 * 60_000;
    const messages = ['GET /healthz 200', 'POST /login 401', 'GET /healthz 200', 'GET /orders 200', 'GET /healthz 503'];
    logs.handle(scope, 'PutLogEvents', { logGroupName: '/ecs/noisy', logStreamName: 'web', logEvents: messages.map((message, n) => ({ timestamp: at + n * 1000, message })) });

    const { page } = await world.newPage();
    await signIn(page);
    const filter = await page.request.post('/api/v1/log-filters', { data: { id: 'drop-noise', name: 'Drop noise', action: 'drop', query: 'message:healthz', enabled: true, tenant: 'globex' } });
    expect(filter.status()).toBe(201);
    const created = await page.request.post('/api/v1/connectors', { data: { ...connector('globex'), name: 'globex-noisy', logFilters: ['drop-noise'], config: { ...connector('globex').config, logGroups: ['/ecs/noisy'] }, addToDefaultProfile: true } });
    expect(created.status()).toBe(201);

    await page.goto('/#/log-filters');
    const row = page.getByRole('table', { name: 'Log filters' }).getByRole('row').filter({ hasText: 'drop-noise' });
    await expect.poll(async () => {
      // After a reload the list and then each connector's counters load: read the row once the network is quiet.
      await page.reload({ waitUntil: 'networkidle' });
      return (await row.getByRole('cell').allTextContents()).slice(1, 8);
    }, { timeout: 30_000, interval: 1000 }).toEqual(['drop-noise', 'globex', 'message:healthz', 'drop', 'Yes', '3', 'globex-noisy']);
  });

  it('add and remove connectors of a profile (root administrator)', async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Profiles' }).click();
    await cell(page, 'Connectors in default', 'globex-app-logs').waitFor();
    await page.getByRole('button', { name: 'Remove globex-app-logs from default' }).click();
    await expect.poll(() => cell(page, 'Connectors in default', 'globex-app-logs').count()).toBe(0);
    await page.getByLabel('Add connector to default').selectOption({ label: 'globex-app-logs (globex)' });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await cell(page, 'Connectors in default', 'globex-app-logs').waitFor();
    const profile = (await (await page.request.get('/api/v1/profiles')).json()) as { profiles: Array<{ connectorIds: string[] }> };
    expect(profile.profiles[0]?.connectorIds).toContain(connectorIds.globex);
    await screenshot(page, 'profiles');
  });

  it('create a tenant and users, reset a password; a tenant administrator sees only their tenant\'s users', async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Tenants & Users' }).click();
    await page.getByLabel('Tenant name').fill('initech');
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await cell(page, 'Tenants', 'initech').waitFor();

    await page.getByLabel('Username').fill('bob');
    await page.getByLabel(/^Password\*?$/).fill('short');
    await page.getByLabel('Role').selectOption('tenant_analyst');
    await page.getByLabel(/^Tenant\*?$/).selectOption('initech');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => descriptionOf(page.getByLabel(/^Password\*?$/))).toContain('at least 8 characters');
    await page.getByLabel(/^Password\*?$/).fill('bob first password');
    await page.getByRole('button', { name: 'Create user' }).click();
    await cell(page, 'Users', 'bob').waitFor();
    await page.getByRole('button', { name: 'Reset password of bob' }).click();
    await page.getByLabel('New password for bob').fill('bob second password');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('Password of bob changed').waitFor();
    await screenshot(page, 'users');

    const bob = await world.newPage();
    await signIn(bob.page, 'bob', 'bob second password');
    expect(await bob.page.locator('.who').textContent()).toContain('bob · initech');

    const tenantAdmin = await world.newPage();
    await signIn(tenantAdmin.page, TENANT_ADMIN.username, TENANT_ADMIN.password);
    await tenantAdmin.page.getByRole('link', { name: 'Tenants & Users' }).click();
    await cell(tenantAdmin.page, 'Users', 'ana').waitFor();
    const names = await tenantAdmin.page.getByRole('table', { name: 'Users' }).locator('tbody tr td:first-child').allTextContents();
    expect(names.sort()).toEqual(['ana', 'tad']);
    expect(await tenantAdmin.page.getByRole('button', { name: 'Create tenant' }).count()).toBe(0);
    expect(await tenantAdmin.page.getByLabel('Role').locator('option').allTextContents()).toEqual(['Tenant administrator', 'Tenant analyst']);
  });
});
