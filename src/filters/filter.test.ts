// validateLogFilter: defaults, every bad field at once, and a bad query reported at `query` with its column.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import { validateLogFilter } from './filter.js';

function problemsOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    validateLogFilter(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
  throw new Error('validated without an error');
}

describe('validateLogFilter', () => {
  it('accepts a filter and fills enabled: true', () => {
    const filter = validateLogFilter({ id: 'drop-health', name: 'Drop health checks', action: 'drop', query: 'http.uri:"/healthz"' });
    expect(filter).toEqual({ id: 'drop-health', name: 'Drop health checks', action: 'drop', query: 'http.uri:"/healthz"', enabled: true });
  });

  it('names every bad field at once', () => {
    const paths = [...new Set(problemsOf({ id: '', name: 'naïve', action: 'skip', query: 'a:b', enabled: 'yes', extra: 1 }).map((p) => p.path))].sort();
    expect(paths).toEqual(['action', 'enabled', 'extra', 'id', 'name']);
    expect(problemsOf({ id: 'x', name: 'naïve', action: 'keep', query: '' })).toEqual([
      { path: 'name', message: 'must be printable ASCII: multibyte characters are not accepted' },
    ]);
    expect(problemsOf({ id: 'x', name: ' padded', action: 'keep', query: '' })[0]?.path).toBe('name');
    expect(problemsOf({ id: 'x', name: 'n'.repeat(65), action: 'keep', query: '' })[0]?.path).toBe('name');
    expect(problemsOf(null).length).toBeGreaterThan(0);
  });

  it('reports a query that does not parse at path query with the column', () => {
    const [problem] = problemsOf({ id: 'x', name: 'bad', action: 'drop', query: 'action:REJECT AND (dstport:443' });
    expect(problem?.path).toBe('query');
    expect(problem?.message).toMatch(/'\(' is never closed \(at column 19\)/);
    expect(problemsOf({ id: 'x', name: 'bad', action: 'drop', query: 'srcip:not-an-ip' })[0]?.message).toMatch(/not an IP address.*column 1/);
    expect(problemsOf({ id: 'x', name: 'long', action: 'drop', query: 'a'.repeat(10_001) })[0]?.path).toBe('query');
  });
});
