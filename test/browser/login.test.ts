// Login in a real browser: a wrong password is refused with a clear message, the right one opens the console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, screenshot, signIn, startWorld, type ConsoleWorld } from './support/harness.js';

let world: ConsoleWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.close());

describe('login', () => {
  it('refuses a wrong password with the reason, then signs in and signs out', async () => {
    const { page } = await world.newPage();
    await page.goto('/');
    await screenshot(page, 'login');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(`${ADMIN_PASSWORD}-wrong`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong username or password');

    await signIn(page);
    expect(await page.getByRole('link', { name: 'Threat Hunting' }).isVisible()).toBe(true);
    // The session is an HttpOnly cookie: a reload keeps the user signed in, and script cannot read it.
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.evaluate('document.cookie')).toBe('');
    expect((await page.context().cookies()).find((cookie) => cookie.name === 'cwc_session')?.httpOnly).toBe(true);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').waitFor();
  });
});
