// The product document's cross-account IAM role method in a real browser: the wizard's role fields, Test through
// AssumeRole into the destination account (Success), then a source user the role does not let in (403 on sts:AssumeRole).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IamConfig } from '../../src/emulator/iam/config.js';
import type { PolicyDocument } from '../../src/emulator/types.js';
import { ASSUME_DESTINATION_ROLE_POLICY, STELLAR_POLICY } from '../fixtures/product-policies.js';
import { ADMIN_PASSWORD, signIn, startWorld, type ConsoleWorld } from './support/harness.js';

const SOURCE = '001000000433';
const DESTINATION = '578000000273';
const ROLE_ARN = `arn:aws:iam::${DESTINATION}:role/Stellar-cloudwatch-role`;
/** The document's MSSP user: its own policy allows sts:AssumeRole on the destination role, which trusts it. */
const MSSP = { accessKeyId: 'AKIAMSSPCONNECTOR001', secretAccessKey: 'mssp-connector-secret/0000000000000000000' };
/** Trusted by the role, but its own account gives it no sts:AssumeRole: AWS refuses across accounts. */
const NO_ASSUME = { accessKeyId: 'AKIANOASSUMEUSER0001', secretAccessKey: 'no-assume-user-secret/000000000000000000' };
const doc = (text: string) => JSON.parse(text) as PolicyDocument;

const iam: IamConfig = {
  accounts: [
    {
      id: SOURCE,
      users: [
        { name: 'mssp-connector', ...MSSP, policies: [doc(ASSUME_DESTINATION_ROLE_POLICY)] },
        { name: 'no-assume', ...NO_ASSUME, policies: [] },
      ],
    },
    {
      id: DESTINATION,
      roles: [
        {
          name: 'Stellar-cloudwatch-role',
          trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${SOURCE}:user/mssp-connector`, `arn:aws:iam::${SOURCE}:user/no-assume`] }, Action: 'sts:AssumeRole' }] },
          // The document's example: the four read actions on the System log group in us-west-2 only.
          policies: [doc(STELLAR_POLICY)],
        },
      ],
    },
  ],
};

let world: ConsoleWorld;
let page: Page;

beforeAll(async () => {
  world = await startWorld({ emulator: { iam } });
  // The destination account's System log group, with a few events (the emulator seeds it as AWS would hold it).
  const scope = { accountId: DESTINATION, region: 'us-west-2' };
  world.emulator.logs.handle(scope, 'CreateLogGroup', { logGroupName: 'System' });
  world.emulator.logs.handle(scope, 'CreateLogStream', { logGroupName: 'System', logStreamName: 'host-1' });
  const now = Date.now();
  world.emulator.logs.handle(scope, 'PutLogEvents', {
    logGroupName: 'System',
    logStreamName: 'host-1',
    logEvents: [1, 2, 3].map((n) => ({ timestamp: now - 60_000 + n, message: `system event ${n}` })),
  });
  const login = await fetch(`${world.service.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  await fetch(`${world.service.url}/api/v1/tenants`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ name: 'acme' }) });
  ({ page } = await world.newPage());
});
afterAll(async () => world?.close());

async function testConnector(name: string): Promise<string> {
  await page.getByRole('button', { name: `Test ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Test: ${name}` });
  await dialog.getByText(/^(Success !|Failure)$/).waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Show More' }).click();
  const text = (await dialog.textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  return text;
}

describe('the IAM role method, in the browser', () => {
  it('creates a cross-account connector through the wizard and tests it through AssumeRole: Success', async () => {
    await signIn(page);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByLabel('Name', { exact: true }).fill('tenant-system-logs');
    await page.getByLabel('Tenant Name', { exact: true }).selectOption('acme');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Auth Method', { exact: true }).selectOption('iam_role');
    // The access-key fields give way to the source account's keys and the role.
    expect(await page.getByLabel('Access Key', { exact: true }).count()).toBe(0);
    await page.getByLabel('Source Account Access Key', { exact: true }).fill(MSSP.accessKeyId);
    await page.getByLabel('Source Account Secret Key', { exact: true }).fill(MSSP.secretAccessKey);
    await page.getByLabel('IAM Role ARN', { exact: true }).fill(ROLE_ARN);
    await page.getByLabel('Region', { exact: true }).selectOption('us-west-2');
    await page.getByLabel('Log Group(s)', { exact: true }).fill('System');
    await page.getByLabel('Log Group(s)', { exact: true }).press('Enter');
    await page.getByText('Advanced', { exact: true }).click();
    await page.getByLabel('Endpoint', { exact: true }).fill(world.emulator.url);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Confirmation' }).waitFor();
    const summary = (await page.locator('dl.summary').textContent()) ?? '';
    expect(summary).toContain(ROLE_ARN);
    expect(summary).not.toContain(MSSP.secretAccessKey);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('alertdialog', { name: 'Add to the default Data Analyzer profile?' }).getByRole('button', { name: 'Cancel' }).click();
    await page.locator('tr[data-connector="tenant-system-logs"]').waitFor();

    const text = await testConnector('tenant-system-logs');
    expect(text).toContain('Success !');
    // The checks ran as the assumed role in the destination account, on the document's log group and Region.
    expect(text).toContain('logs:FilterLogEvents on log group System in us-west-2');
    expect(text).toContain(`assumed-role/Stellar-cloudwatch-role`);
  });

  it('answers 403 with the exact sts:AssumeRole denial when the source user may not assume the role', async () => {
    await page.getByRole('link', { name: 'Edit tenant-system-logs' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Configuration' }).waitFor();
    await page.getByLabel('Source Account Access Key', { exact: true }).fill(NO_ASSUME.accessKeyId);
    await page.getByLabel('Source Account Secret Key', { exact: true }).fill(NO_ASSUME.secretAccessKey);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Connector Overview' }).waitFor();

    const text = await testConnector('tenant-system-logs');
    expect(text).toContain('Failure');
    expect(text).toContain('403 Forbidden');
    expect(text).toContain(`User: arn:aws:iam::${SOURCE}:user/no-assume is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`);
    expect(text).toContain('Do you have the required role or permissions for that credential?');
  });
});
