// The string dictionary: stable codes, bounded size, and codes another connection added are readable.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dictionaryDdl, maxDictionaryEntries, maxDictionaryTextLength, StringDictionary } from './dictionary.js';

const directory = mkdtempSync(path.join(tmpdir(), 'cwc-dictionary-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('StringDictionary', () => {
  it('gives one code per text, leaves long text uncoded, and stops adding at its bound', () => {
    const db = new Database(':memory:').exec(dictionaryDdl);
    const dictionary = new StringDictionary(db);
    const code = dictionary.codeFor('us-west-2');
    expect(code).toBeTypeOf('number');
    expect(dictionary.codeFor(`us-west-${2}`)).toBe(code);
    expect(dictionary.text(code as number)).toBe('us-west-2');
    expect(dictionary.codeFor('x'.repeat(maxDictionaryTextLength + 1))).toBeUndefined();
    db.prepare("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) INSERT INTO strings (text) SELECT 'filler ' || i FROM n").run(maxDictionaryEntries);
    const reopened = new StringDictionary(db);
    expect(reopened.codeFor('us-west-2')).toBe(code);
    expect(reopened.codeFor('never seen before')).toBeUndefined();
  });

  it('reads codes that another connection (the writer) added after it loaded', () => {
    const file = path.join(directory, 'shared.db');
    const writer = new Database(file).exec(dictionaryDdl);
    const reader = new Database(file);
    const writing = new StringDictionary(writer);
    const reading = new StringDictionary(reader);
    writing.codeFor('first');
    reading.codeFor('first');
    const later = writing.codeFor('eni-0a1b2c3d') as number;
    expect(reading.text(later)).toBe('eni-0a1b2c3d');
    expect(() => reading.text(later + 1000)).toThrow(/no entry/);
    writer.close();
    reader.close();
  });
});
