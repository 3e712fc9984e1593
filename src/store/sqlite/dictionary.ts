// A store-wide dictionary of short repeated strings (account ids, log groups, ENI ids…): traffic columns hold their codes.
import type Database from 'better-sqlite3';

/** Table of the dictionary; part of the bookkeeping DDL. */
export const dictionaryDdl = 'CREATE TABLE IF NOT EXISTS strings (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);';

/**
 * Binding a string costs SQLite and better-sqlite3 a UTF-8 copy; an integer code is ~3× cheaper to bind and a byte or
 * three on disk (decision 0013). Codes are never reused or deleted, so the table is bounded instead: past
 * `maxDictionaryEntries`, or for a string longer than `maxDictionaryTextLength`, the value goes to the row's `extra`
 * JSON (an attacker varying a field fills the dictionary once, then costs what JSON costs).
 */
export const maxDictionaryEntries = 100_000;
export const maxDictionaryTextLength = 200;

export interface Dictionary {
  /** The code of `text`, adding it (inside the caller's write transaction) if there is room; undefined otherwise. */
  codeFor(text: string): number | undefined;
  /** The text of a code, reading the table for codes other connections (the writer) added since this one last looked. */
  text(code: number): string;
}

export class StringDictionary implements Dictionary {
  private readonly codes = new Map<string, number>();
  private readonly texts = new Map<number, string>();
  private loaded = false;
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      all: db.prepare('SELECT id, text FROM strings'),
      one: db.prepare('SELECT text FROM strings WHERE id = ?').pluck(),
      add: db.prepare('INSERT INTO strings (text) VALUES (?) ON CONFLICT (text) DO UPDATE SET text = excluded.text RETURNING id').pluck(),
    };
  }

  private load(): void {
    for (const row of this.statements.all.all() as Array<{ id: number; text: string }>) this.remember(row.text, row.id);
    this.loaded = true;
  }

  private remember(text: string, code: number): void {
    this.codes.set(text, code);
    this.texts.set(code, text);
  }

  codeFor(text: string): number | undefined {
    const code = this.codes.get(text);
    if (code !== undefined) return code;
    if (!this.loaded) {
      this.load();
      return this.codeFor(text);
    }
    if (this.codes.size >= maxDictionaryEntries || text.length > maxDictionaryTextLength) return undefined;
    const added = this.statements.add.get(text) as number;
    this.remember(text, added);
    return added;
  }

  text(code: number): string {
    const text = this.texts.get(code);
    if (text !== undefined) return text;
    const read = this.statements.one.get(code) as string | undefined;
    if (read === undefined) throw new Error(`string dictionary: no entry ${code}`);
    this.remember(read, code);
    return read;
  }

  /** After a rolled-back write: codes it added are gone, so everything is read again when next needed. */
  forget(): void {
    this.codes.clear();
    this.texts.clear();
    this.loaded = false;
  }
}
