// The product document's whole path in a real browser against the emulator: sign in, Create through the wizard, Submit,
// add to the default profile, Test (Success, then 401, 403 and 404 with the document's explanations), wait for collection.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IamConfig } from '../../src/emulator/iam/config.js';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, defaultIamConfig } from '../../src/emulator/iam/defaults.js';
import { ADMIN_PASSWORD, screenshot, signIn, startWorld, type ConsoleWorld } from './support/harness.js';

const TENANT = 'acme';
/** A user of the demo account that may list log groups and streams but not read events (no logs:FilterLogEvents). */
const NO_READ = { accessKeyId: 'AKIANOREADCONNECTOR1', secretAccessKey: 'no-read-connector-secret/000000000000000' };

function iamWithNoReadUser(): IamConfig {
  const iam = defaultIamConfig();
  const account = iam.accounts[0]!;
  account.users = [...(account.users ?? []), {
    name: 'no-read-connector',
    ...NO_READ,
    policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:GetLogEvents'], Resource: '*' }] }],
  }];
  return iam;
}

// Collection in seconds rather than minutes, so the overview shows events within the test.
const settings = { maxLatenessMilliseconds: 1_000, deepPeriodMilliseconds: 500, minimumLagWindowMilliseconds: 200, settleMilliseconds: 100, liveSpanMilliseconds: 60_000 };

let world: ConsoleWorld;
let page: Page;

beforeAll(async () => {
  world = await startWorld({
    emulator: { iam: iamWithNoReadUser(), scenario: 'demo', eventsPerSecond: 40, seed: 7 },
    service: { scheduler: { collectOptions: { settings }, intervalMilliseconds: () => 2_000 } },
  });
  // The tenant comes first (an administrator's step on another page); the connector pages are what is tested here.
  const login = await fetch(`${world.service.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  const tenant = await fetch(`${world.service.url}/api/v1/tenants`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ name: TENANT }) });
  expect(tenant.status).toBe(201);
  ({ page } = await world.newPage());
});
afterAll(async () => world?.close());

interface WizardInput {
  name: string;
  logGroups: string[];
  accessKey: string;
  secretKey: string;
  vpcFlowLogs?: boolean;
  addToDefaultProfile: boolean;
  screenshots?: boolean;
}

/** System | Connectors, Create, the General tab, the Configuration tab, confirmation, Submit, and the profile prompt. */
async function createThroughWizard(input: WizardInput): Promise<void> {
  await page.getByRole('link', { name: 'Connectors' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: 'General' }).waitFor();
  expect(await page.getByLabel('Category', { exact: true }).inputValue()).toBe('paas');
  expect(await page.getByLabel('Type', { exact: true }).inputValue()).toBe('aws_cloudwatch');
  expect(await page.getByRole('checkbox', { name: 'Collect' }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'Collect' }).isDisabled()).toBe(true);
  await page.getByLabel('Name', { exact: true }).fill(input.name);
  await page.getByLabel('Tenant Name', { exact: true }).selectOption(TENANT);
  expect(await page.getByLabel('Run On', { exact: true }).inputValue()).toBe('data-processor');
  if (input.screenshots) await screenshot(page, 'wizard-general');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('heading', { name: 'Configuration' }).waitFor();
  expect(await page.getByLabel('Auth Method', { exact: true }).inputValue()).toBe('access_key');
  await page.getByLabel('Access Key', { exact: true }).fill(input.accessKey);
  await page.getByLabel('Secret Key', { exact: true }).fill(input.secretKey);
  await page.getByLabel('Region', { exact: true }).selectOption('us-east-1');
  for (const group of input.logGroups) {
    await page.getByLabel('Log Group(s)', { exact: true }).fill(group);
    await page.getByLabel('Log Group(s)', { exact: true }).press('Enter');
  }
  if (input.vpcFlowLogs) await page.getByRole('checkbox', { name: 'VPC Flow Logs' }).check();
  expect(await page.getByLabel('Interval (min)', { exact: true }).inputValue()).toBe('5');
  await page.getByText('Advanced', { exact: true }).click();
  await page.getByLabel('Endpoint', { exact: true }).fill(world.emulator.url);
  if (input.screenshots) await screenshot(page, 'wizard-configuration');
  await page.getByRole('button', { name: 'Next' }).click();

  const summary = page.getByRole('definition');
  await page.getByRole('heading', { name: 'Confirmation' }).waitFor();
  // The secret is never shown back, not even on the confirmation tab.
  expect(await page.locator('dl.summary').textContent()).not.toContain(input.secretKey);
  expect(await summary.allTextContents()).toEqual(expect.arrayContaining([input.name, TENANT, input.logGroups.join(', '), 'set', world.emulator.url]));
  if (input.screenshots) await screenshot(page, 'wizard-confirmation');
  await page.getByRole('button', { name: 'Submit' }).click();

  const prompt = page.getByRole('alertdialog', { name: 'Add to the default Data Analyzer profile?' });
  await prompt.waitFor();
  await prompt.getByRole('button', { name: input.addToDefaultProfile ? 'OK' : 'Cancel' }).click();
  await page.getByRole('heading', { name: 'Connector Overview' }).waitFor();
  await row(input.name).waitFor();
}

const row = (name: string) => page.locator(`tr[data-connector="${name}"]`);

/** Test at the right side of the row: the test runs at once; the dialog stays open until closed with X. */
async function testConnector(name: string, screenshotName?: string): Promise<string> {
  await page.getByRole('button', { name: `Test ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Test: ${name}` });
  await dialog.getByText(/^(Success !|Failure)$/).waitFor({ timeout: 30_000 });
  // Escape does not close it: only X does.
  await page.keyboard.press('Escape');
  expect(await dialog.isVisible()).toBe(true);
  const showMore = dialog.getByRole('button', { name: 'Show More' });
  await showMore.click();
  if (screenshotName !== undefined) await screenshot(page, screenshotName);
  const text = (await dialog.textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  return text;
}

/** Edit the connector's Configuration tab, then Submit from the confirmation tab. */
async function editConfiguration(name: string, change: (page: Page) => Promise<void>): Promise<void> {
  await page.getByRole('link', { name: `Edit ${name}` }).click();
  await page.getByRole('heading', { name: 'General' }).waitFor();
  // The General tab is fixed after creation.
  expect(await page.getByLabel('Name', { exact: true }).getAttribute('readonly')).not.toBeNull();
  expect(await page.getByLabel('Tenant Name', { exact: true }).isDisabled()).toBe(true);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Configuration' }).waitFor();
  await change(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('heading', { name: 'Connector Overview' }).waitFor();
}

describe('the product document, in the browser', () => {
  it('signs in, creates connectors through the wizard, adds them to the default profile, and tests one: Success', async () => {
    await signIn(page);
    await page.getByRole('heading', { name: 'Connector Overview' }).waitFor();
    await createThroughWizard({ name: 'vpc-flow-logs', logGroups: ['vpc-flow'], accessKey: DEFAULT_ACCESS_KEY_ID, secretKey: DEFAULT_SECRET_ACCESS_KEY, vpcFlowLogs: true, addToDefaultProfile: true, screenshots: true });
    // WAF logs become Syslog records, the flow logs Traffic ones: both indices get data.
    await createThroughWizard({ name: 'waf-logs', logGroups: ['aws-waf-logs-demo'], accessKey: DEFAULT_ACCESS_KEY_ID, secretKey: DEFAULT_SECRET_ACCESS_KEY, addToDefaultProfile: true });
    await expect.poll(() => row('vpc-flow-logs').locator('td').nth(3).textContent()).toBe('default');

    const text = await testConnector('vpc-flow-logs', 'test-success');
    expect(text).toContain('Success !');
    expect(text).toContain('logs:FilterLogEvents on log group vpc-flow in us-east-1');
  });

  it('shows 401, 403 and 404 failures with the HTTP code and the document\'s explanation and recommendation', async () => {
    await createThroughWizard({ name: 'troubled', logGroups: ['vpc-flow'], accessKey: DEFAULT_ACCESS_KEY_ID, secretKey: 'not-the-secret-key', addToDefaultProfile: false });
    await row('troubled').getByText('Not in a profile').waitFor();

    const unauthorized = await testConnector('troubled', 'test-failure');
    expect(unauthorized).toContain('Failure');
    expect(unauthorized).toContain('401 Unauthorized');
    expect(unauthorized).toContain('This error occurs when an authentication credential is invalid or when a user does not have sufficient privileges to access a specific API.');
    expect(unauthorized).toContain('Did you enter your credentials correctly?');

    // Edit: a valid key whose policy lacks logs:FilterLogEvents. The stored secret is shown only as "set".
    await editConfiguration('troubled', async (edit) => {
      expect(await edit.getByLabel('Secret Key', { exact: true }).inputValue()).toBe('');
      expect(await edit.getByText('set — leave empty to keep').first().isVisible()).toBe(true);
      await edit.getByLabel('Access Key', { exact: true }).fill(NO_READ.accessKeyId);
      await edit.getByLabel('Secret Key', { exact: true }).fill(NO_READ.secretAccessKey);
    });
    const forbidden = await testConnector('troubled');
    expect(forbidden).toContain('403 Forbidden');
    expect(forbidden).toContain('This error occurs when the permission or scope is not correct in a valid credential.');
    expect(forbidden).toContain('Do you have the required role or permissions for that credential?');
    expect(forbidden).toContain('AccessDeniedException');

    // Edit: the right keys, a log group that does not exist.
    await editConfiguration('troubled', async (edit) => {
      await edit.getByLabel('Access Key', { exact: true }).fill(DEFAULT_ACCESS_KEY_ID);
      await edit.getByLabel('Secret Key', { exact: true }).fill(DEFAULT_SECRET_ACCESS_KEY);
      await edit.getByRole('button', { name: 'Remove vpc-flow' }).click();
      await edit.getByLabel('Log Group(s)', { exact: true }).fill('no-such-group');
      await edit.getByLabel('Log Group(s)', { exact: true }).press('Enter');
    });
    const notFound = await testConnector('troubled');
    expect(notFound).toContain('404 Not Found');
    expect(notFound).toContain('This error occurs when a URL path does not resolve to an entity.');
    expect(notFound).toContain('Did you enter your API URL correctly?');
    expect(notFound).toContain('no-such-group');
  });

  it('shows events collected for the connectors in the default profile', async () => {
    await page.getByRole('link', { name: 'Connectors' }).click();
    // The overview refreshes itself every 10 s; the person does not reload.
    const events = async (name: string) => Number(((await row(name).locator('td.events').textContent()) ?? '').replace(/\D/g, '') || '0');
    await expect.poll(() => events('vpc-flow-logs'), { timeout: 40_000, interval: 1_000 }).toBeGreaterThan(0);
    await expect.poll(() => events('waf-logs'), { timeout: 20_000, interval: 1_000 }).toBeGreaterThan(0);
    await expect.poll(() => row('vpc-flow-logs').locator('.status-cell .badge').textContent()).toBe('OK');
    await screenshot(page, 'connectors');
    await page.getByRole('button', { name: 'Run vpc-flow-logs now' }).click();
    await page.getByText('Collection of vpc-flow-logs started.').waitFor();
  });

  // ---- Engineer U2 (Threat Hunting) appends the last step here: Investigate | Threat Hunting, find the records of
  // ---- 'vpc-flow-logs' in the Traffic index and of 'waf-logs' in the Syslog index (tenant 'acme'). Keep it last.
  it('finds the collected records in Threat Hunting, in both indices (U2)', async () => {
    // The document's last step: Investigate | Threat Hunting, change the Indices to Traffic (VPC flow) or Syslog.
    await page.getByRole('link', { name: 'Threat Hunting' }).click();
    await page.getByRole('heading', { name: /Threat Hunting/ }).waitFor();
    const hunt = async (index: 'Syslog' | 'Traffic', connector: string): Promise<number> => {
      await page.getByRole('checkbox', { name: 'Syslog' }).setChecked(index === 'Syslog');
      await page.getByRole('checkbox', { name: 'Traffic' }).setChecked(index === 'Traffic');
      await page.getByLabel('Query', { exact: true }).fill(`connector.name:"${connector}"`);
      await page.getByRole('button', { name: 'Search' }).click();
      // Settled on this search's answer (not the previous one still on screen).
      await page.locator(`section.hunt[aria-busy="false"][data-indices="${index.toLowerCase()}"][data-query='connector.name:"${connector}"'] .hunt-total`).waitFor();
      return Number(((await page.locator('.hunt-total').textContent()) ?? '').replace(/[^\d]/g, ''));
    };

    // VPC flow records are in Traffic, with the flow columns; none of them landed in Syslog.
    expect(await hunt('Traffic', 'vpc-flow-logs')).toBeGreaterThan(0);
    const flow = page.getByRole('table', { name: 'Search results' }).locator('tbody tr.hit').first();
    expect(await flow.textContent()).toMatch(/\d+\.\d+\.\d+\.\d+(:\d+)? → \d+\.\d+\.\d+\.\d+/);
    await flow.getByRole('button', { name: 'Expand record' }).click();
    const fields = await page.getByRole('definition').allTextContents();
    expect(fields).toEqual(expect.arrayContaining(['aws_cloudwatch_vpcflow', 'acme', 'vpc-flow', 'vpc-flow-logs']));
    expect(await hunt('Syslog', 'vpc-flow-logs')).toBe(0);

    // WAF records are in Syslog, summarized by action, method and URI; none in Traffic.
    expect(await hunt('Syslog', 'waf-logs')).toBeGreaterThan(0);
    expect(await page.getByRole('table', { name: 'Search results' }).locator('tbody tr.hit').first().textContent()).toContain('aws_cloudwatch_waf');
    expect(await hunt('Traffic', 'waf-logs')).toBe(0);
  });
});
