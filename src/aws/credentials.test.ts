import { describe, expect, it } from 'vitest';
import { cachedProvider, sessionNameFor } from './credentials.js';

describe('sessionNameFor', () => {
  it('identifies the connector within STS RoleSessionName rules', () => {
    expect(sessionNameFor('prod-vpc-flow')).toBe('cwc-prod-vpc-flow');
    expect(sessionNameFor('Tenant A / VPC (prod)')).toBe('cwc-Tenant-A-VPC-prod');
    const long = sessionNameFor('x'.repeat(200));
    expect(long.length).toBe(64);
    expect(long).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});

describe('cachedProvider', () => {
  it('reuses credentials until shortly before they expire, then refreshes once for concurrent callers', async () => {
    let now = 0;
    let calls = 0;
    const provider = cachedProvider(
      async () => {
        calls += 1;
        return { accessKeyId: `ASIA${calls}`, secretAccessKey: 's', expiration: new Date(now + 3_600_000) };
      },
      () => now,
      300_000,
    );
    expect((await provider()).accessKeyId).toBe('ASIA1');
    now = 3_000_000; // 10 minutes before expiry: still fresh
    expect((await provider()).accessKeyId).toBe('ASIA1');
    now = 3_400_000; // inside the 5-minute refresh window
    const [a, b] = await Promise.all([provider(), provider()]);
    expect([a.accessKeyId, b.accessKeyId]).toEqual(['ASIA2', 'ASIA2']);
    expect(calls).toBe(2);
  });

  it('does not cache a failure', async () => {
    let attempt = 0;
    const provider = cachedProvider(async () => {
      attempt += 1;
      if (attempt === 1) throw new Error('sts down');
      return { accessKeyId: 'AKIA', secretAccessKey: 's' };
    });
    await expect(provider()).rejects.toThrow('sts down');
    expect((await provider()).accessKeyId).toBe('AKIA');
  });
});
