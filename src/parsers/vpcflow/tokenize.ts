// Splits a flow log line on runs of whitespace into [start, end) ranges, without creating substrings.

/** Formats have at most this many fields, so ranges beyond it are never needed (only counted). */
export const maxRecordedTokens = 256;

/** Token ranges of the last tokenized line: token i spans [bounds[2i], bounds[2i+1]). Reused across lines. */
export const bounds = new Int32Array(maxRecordedTokens * 2);

/**
 * Fills `bounds` with the line's first maxRecordedTokens token ranges and returns the token count. Separators are
 * the ASCII whitespace characters (space, tab, LF, VT, FF, CR); leading and trailing runs yield no token.
 */
export function tokenize(line: string): number {
  let count = 0;
  let start = -1;
  const length = line.length;
  for (let index = 0; index < length; index++) {
    const code = line.charCodeAt(index);
    const isSeparator = code === 32 || (code >= 9 && code <= 13);
    if (isSeparator) {
      if (start >= 0) {
        if (count < maxRecordedTokens) {
          bounds[count * 2] = start;
          bounds[count * 2 + 1] = index;
        }
        count++;
        start = -1;
      }
    } else if (start < 0) {
      start = index;
    }
  }
  if (start >= 0) {
    if (count < maxRecordedTokens) {
      bounds[count * 2] = start;
      bounds[count * 2 + 1] = length;
    }
    count++;
  }
  return count;
}
