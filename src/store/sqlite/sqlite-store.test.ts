// Runs the store contract on the SQLite backend, plus SQLite specifics (files, partitions).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { storeContract } from '../contract/contract.js';
import { SqliteStore } from './sqlite-store.js';

const directory = mkdtempSync(path.join(tmpdir(), 'cwc-store-'));
let counter = 0;
afterAll(() => rmSync(directory, { recursive: true, force: true }));

storeContract('sqlite', async (options) => {
  counter += 1;
  const file = path.join(directory, `store-${counter}.db`);
  return { store: new SqliteStore(file, options), reopen: async () => new SqliteStore(file, options) };
});
