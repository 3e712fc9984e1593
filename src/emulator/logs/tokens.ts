// Opaque identifiers derived from event keys: 56-digit eventIds, GetLogEvents f/b tokens, FilterLogEvents nextTokens.
import type { EventKey } from './columns.js';
import { invalidParameter } from './validate.js';

const TIME_DIGITS = 15;
const SEQUENCE_DIGITS = 16;
const MAX_TIME = 10 ** TIME_DIGITS - 1;

function digits(value: number, width: number): string {
  return String(Math.min(Math.max(0, Math.trunc(value)), 10 ** width - 1)).padStart(width, '0');
}

/**
 * A 56-digit decimal eventId like AWS's, derived instead of stored: "3", the timestamp and the service-wide put
 * sequence. Unique because the sequence is, and stable for the life of the event.
 */
export function eventIdOf(timestamp: number, sequence: number): string {
  return `3${digits(timestamp, TIME_DIGITS)}${digits(sequence, 40)}`;
}

/** PutLogEvents' nextSequenceToken (ignored by AWS on input, but still returned): 56 digits. */
export function sequenceTokenOf(sequence: number): string {
  return `4${digits(sequence, 55)}`;
}

/** A position between events: forward tokens continue after `key`, backward tokens before it. */
export interface StreamPosition {
  direction: 'f' | 'b';
  key: EventKey;
}

/** GetLogEvents tokens in AWS's shape, `f/<56 digits>/s` or `b/<56 digits>/s`. */
export function encodeStreamToken(position: StreamPosition): string {
  const { key } = position;
  const body = `${digits(key.timestamp, TIME_DIGITS)}${digits(key.ingestionTime, TIME_DIGITS)}${digits(key.sequence, SEQUENCE_DIGITS)}`;
  return `${position.direction}/${body.padEnd(56, '0')}/s`;
}

export function decodeStreamToken(token: string): StreamPosition {
  const match = /^([fb])\/(\d{56})(?:\/s)?$/.exec(token);
  if (match === null) throw invalidParameter('The specified nextToken is invalid.');
  const body = match[2] as string;
  return {
    direction: match[1] as 'f' | 'b',
    key: {
      timestamp: Number(body.slice(0, TIME_DIGITS)),
      ingestionTime: Number(body.slice(TIME_DIGITS, 2 * TIME_DIGITS)),
      sequence: Number(body.slice(2 * TIME_DIGITS, 2 * TIME_DIGITS + SEQUENCE_DIGITS)),
    },
  };
}

export function clampTime(milliseconds: number): number {
  return Math.min(Math.max(0, milliseconds), MAX_TIME);
}

/** FilterLogEvents continues strictly after (ascending) or before (descending) the last key it examined. */
export interface FilterPosition {
  ascending: boolean;
  key: EventKey;
}

const FILTER_TOKEN_VERSION = 'v1';

/** Opaque base64url text, like AWS's long FilterLogEvents tokens; the position is all it carries. */
export function encodeFilterToken(position: FilterPosition): string {
  const { key } = position;
  const text = `${FILTER_TOKEN_VERSION}|${position.ascending ? 'a' : 'd'}|${key.timestamp}|${key.ingestionTime}|${key.sequence}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function decodeFilterToken(token: string): FilterPosition {
  const parts = Buffer.from(token, 'base64url').toString('utf8').split('|');
  const numbers = parts.slice(2).map(Number);
  if (parts.length !== 5 || parts[0] !== FILTER_TOKEN_VERSION || (parts[1] !== 'a' && parts[1] !== 'd') || numbers.some((n) => !Number.isSafeInteger(n) || n < 0)) {
    throw invalidParameter('The specified nextToken is invalid.');
  }
  const [timestamp, ingestionTime, sequence] = numbers as [number, number, number];
  return { ascending: parts[1] === 'a', key: { timestamp, ingestionTime, sequence } };
}
