// Log content is attacker-controlled: markup, script, javascript: URLs and terminal escapes in records are shown as
// text in Threat Hunting (table and expanded record) and never run. Proven in Chromium, not by reading the code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterflowRecord } from '../../src/core/record.js';
import { parseEvent } from '../../src/parsers/index.js';
import { signIn, startWorld, watchForScriptInjection, type ConsoleWorld } from './support/harness.js';

const IMG = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT = '<script>window.__pwned=2;alert(2)</script>';
const SVG = '<svg onload="window.__pwned=3">';
const JAVASCRIPT_URL = 'javascript:window.__pwned=4;alert(4)';
const TERMINAL = '\u001b[31mRED\u001b[0m\u0007';

let world: ConsoleWorld;
beforeAll(async () => {
  world = await startWorld();
  const now = Date.now();
  // A container line whose JSON carries the payloads in the message and in fields.
  const message = JSON.stringify({ log: `login failed ${IMG} ${SCRIPT}`, stream: 'stderr', container_name: SVG });
  const container = parseEvent({ timestamp: now - 60_000, message, eventId: 'xss-1' }, { logGroup: '/ecs/evil', region: 'us-east-1', accountId: '123456789012', tenant: 'acme', vpcFlowLogs: false });
  // A WAF-shaped record with a javascript: URI, a markup user agent, terminal escapes and a markup field name.
  const waf: InterflowRecord = {
    ...parseEvent({ timestamp: now - 30_000, message: `${SCRIPT} ${TERMINAL}`, eventId: 'xss-2' }, { logGroup: 'aws-waf-logs-evil', region: 'us-east-1', accountId: '123456789012', tenant: 'acme', vpcFlowLogs: false }),
    http: { uri: JAVASCRIPT_URL, user_agent: IMG, host: SVG, referer: JAVASCRIPT_URL },
    waf: { labels: [SCRIPT, TERMINAL] },
    // A field name is log content too (JSON keys come from the log).
    [`x${IMG}`]: 'key',
  };
  await world.service.store.write([container, waf]);
});
afterAll(async () => world?.close());

describe('hostile log content in Threat Hunting', () => {
  it('is rendered as text in the table and in the expanded record, and nothing runs', async () => {
    const { page } = await world.newPage();
    const seen = watchForScriptInjection(page);
    await signIn(page);
    await page.goto('/#/threat-hunting?indices=syslog&range=1h');
    await expect.poll(() => page.locator('.hunt-total').textContent()).toBe('2 hits');
    for (let row = 0; row < 2; row += 1) await page.getByRole('button', { name: 'Expand record' }).first().click();
    await expect.poll(() => page.getByRole('button', { name: 'Collapse record' }).count()).toBe(2);

    const table = page.getByRole('table', { name: 'Search results' });
    const text = await table.textContent();
    // The payloads are there as visible text (the summary and the field values)…
    expect(text).toContain(IMG);
    expect(text).toContain(SCRIPT);
    expect(text).toContain(SVG);
    expect(text).toContain(JAVASCRIPT_URL);
    expect(text).toContain(`x${IMG}`);
    // …terminal escapes are shown as escapes, not sent raw…
    expect(text).toContain('\\u001b[31mRED\\u001b[0m\\u0007');
    expect(text).not.toContain('\u001b');
    // …and none became an element, a link or a handler.
    const planted = await page.evaluate<{ elements: number; links: number; handlers: number; pwned: unknown }>(`({
      elements: document.querySelectorAll('main img, main script, main svg image, main svg[onload], main iframe').length,
      links: [...document.querySelectorAll('[href]')].filter((element) => /^\\s*javascript:/i.test(element.getAttribute('href'))).length,
      handlers: [...document.querySelectorAll('main *')].filter((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on'))).length,
      pwned: window.__pwned,
    })`);
    expect(planted).toEqual({ elements: 0, links: 0, handlers: 0, pwned: undefined });

    // Clicking a hostile value searches for exactly that text: the clause is quoted, so it stays one phrase.
    await page.getByRole('button', { name: `Add http.user_agent:"${IMG.replace(/"/g, '\\"')}" to the query` }).click();
    await expect.poll(() => page.locator('.hunt-total').textContent()).toBe('1 hits');
    expect(await page.getByLabel('Query', { exact: true }).inputValue()).toBe(`http.user_agent:"${IMG.replace(/"/g, '\\"')}"`);

    await page.waitForTimeout(300); // an onerror of a broken image would have fired by now
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(seen).toEqual({ errors: [], dialogs: [] });
  });
});
