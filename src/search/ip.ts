// IP addresses as sortable keys: IPv4 as a 32-bit integer, IPv6 as 32 hex digits, so exact match and CIDR are range scans.
import { UsageError } from '../core/errors.js';

export type IpKey = { family: 4; value: number } | { family: 6; value: string };

/**
 * A dotted-quad IPv4 address (1–3 ASCII digits per octet, each ≤ 255) as a 32-bit integer, or undefined. Read from
 * character codes without a regex: the store and the log filters call it for two addresses of every record.
 */
export function parseIpv4(text: string): number | undefined {
  const length = text.length;
  if (length < 7 || length > 15) return undefined;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (digits === 3) return undefined;
      octet = octet * 10 + (code - 48);
      digits += 1;
    } else if (code === 46) {
      if (digits === 0 || octet > 255 || dots === 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots += 1;
    } else {
      return undefined;
    }
  }
  if (dots !== 3 || digits === 0 || octet > 255) return undefined;
  return value * 256 + octet;
}

/** 32 lowercase hex digits for an IPv6 address (with `::` and an embedded IPv4 tail), or undefined. */
export function parseIpv6(text: string): string | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || text.length > 45) return undefined;
  let groups: string[];
  const doubleColon = text.indexOf('::');
  if (doubleColon !== text.lastIndexOf('::')) return undefined;
  const expand = (part: string): string[] | undefined => {
    if (part === '') return [];
    const pieces = part.split(':');
    const last = pieces[pieces.length - 1] ?? '';
    if (last.includes('.')) {
      const v4 = parseIpv4(last);
      if (v4 === undefined) return undefined;
      pieces.splice(pieces.length - 1, 1, (v4 >>> 16).toString(16), (v4 & 0xffff).toString(16));
    }
    return pieces.every((p) => /^[0-9A-Fa-f]{1,4}$/.test(p)) ? pieces : undefined;
  };
  if (doubleColon >= 0) {
    const head = expand(text.slice(0, doubleColon));
    const tail = expand(text.slice(doubleColon + 2));
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  } else {
    const all = expand(text);
    if (!all || all.length !== 8) return undefined;
    groups = all;
  }
  return groups.map((g) => g.toLowerCase().padStart(4, '0')).join('');
}

export function parseIp(text: string): IpKey | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

export type IpRange = { family: 4; low: number; high: number } | { family: 6; low: string; high: string };

/** `10.0.0.0/8` → the inclusive key range. Host bits set below the prefix are ignored, as most tools do. */
export function parseCidr(text: string, field = 'value'): IpRange {
  const slash = text.indexOf('/');
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const ip = parseIp(address);
  const bits = ip?.family === 4 ? 32 : 128;
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!ip || !(prefix >= 0 && prefix <= bits)) {
    throw new UsageError(`${field}: '${text}' is not a valid CIDR block (expected e.g. 10.0.0.0/8 or 2001:db8::/32)`, [
      { path: field, message: 'invalid CIDR' },
    ]);
  }
  if (ip.family === 4) {
    const size = 2 ** (32 - prefix);
    const low = Math.floor(ip.value / size) * size;
    return { family: 4, low, high: low + size - 1 };
  }
  const binary = [...ip.value].map((h) => parseInt(h, 16).toString(2).padStart(4, '0')).join('');
  const keep = binary.slice(0, prefix);
  const toHex = (bitsText: string) => (bitsText.match(/.{4}/g) ?? []).map((b) => parseInt(b, 2).toString(16)).join('');
  return { family: 6, low: toHex(keep.padEnd(128, '0')), high: toHex(keep.padEnd(128, '1')) };
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}
