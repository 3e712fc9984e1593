// compileVpcFlowFormat: the connector-config check of a `${field}` format string, and looksLikeVpcFlow's sniff.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileVpcFlowFormat, DEFAULT_VPC_FLOW_FORMAT, looksLikeVpcFlow, protocolName } from './index.js';

describe('compileVpcFlowFormat', () => {
  it('compiles the default and custom formats, unknown field names included', () => {
    expect(compileVpcFlowFormat(DEFAULT_VPC_FLOW_FORMAT).name).toBe('default');
    const custom = compileVpcFlowFormat('${srcaddr}  ${dstaddr} ${encryption-status}');
    expect(custom.name).toBe('configured');
    expect(custom.fieldNames).toEqual(['srcaddr', 'dstaddr', 'encryption-status']);
  });

  it('returns the same compiled format for the same string', () => {
    expect(compileVpcFlowFormat('${srcaddr} ${dstaddr}').fieldNames).toEqual(compileVpcFlowFormat('${srcaddr} ${dstaddr}').fieldNames);
  });

  it('throws an error that names the bad field', () => {
    expect(() => compileVpcFlowFormat('')).toThrow(/vpcFlowLogFormat: the format is empty/);
    expect(() => compileVpcFlowFormat('${srcaddr} dstaddr')).toThrow(/field 2 "dstaddr" is not written as \$\{field-name\}/);
    expect(() => compileVpcFlowFormat('${srcaddr} ${Dst_Addr}')).toThrow(/field 2 "\$\{Dst_Addr\}" is not a valid field name/);
    expect(() => compileVpcFlowFormat('$${srcaddr}')).toThrow(/field 1 "\$\$\{srcaddr\}"/);
    expect(() => compileVpcFlowFormat('${srcaddr}${dstaddr}')).toThrow(/field 1/);
    expect(() => compileVpcFlowFormat('${srcaddr} ${dstaddr} ${srcaddr}')).toThrow(/field \$\{srcaddr\} appears twice \(fields 1 and 3\)/);
    expect(() => compileVpcFlowFormat(Array.from({ length: 257 }, (_, index) => `\${f${index}}`).join(' '))).toThrow(/257 fields; at most 256/);
  });
});

describe('IANA protocol names', () => {
  it('covers 0–255 with keywords where the registry has them', () => {
    expect([0, 1, 6, 17, 41, 58, 89, 115, 132, 143, 146].map(protocolName)).toEqual(['hopopt', 'icmp', 'tcp', 'udp', 'ipv6', 'ipv6-icmp', 'ospfigp', 'l2tp', 'sctp', 'ethernet', 'homa']);
    expect([61, 63, 68, 99, 114, 147, 252, 253, 254].map(protocolName)).toEqual(Array(9).fill(undefined));
    expect(protocolName(255)).toBe('reserved');
  });
});

describe('looksLikeVpcFlow', () => {
  const testdata = fileURLToPath(new URL('./testdata/', import.meta.url));
  it('recognises every AWS documentation sample line', () => {
    for (const sample of ['default-v2-examples', 'nat-gateway', 'tcp-flag-sequence', 'transit-gateway-vpc', 'v5-service-traffic-path-direction']) {
      for (const line of readFileSync(`${testdata}${sample}.log`, 'utf8').split('\n').filter(Boolean)) expect(looksLikeVpcFlow(line), line).toBe(true);
    }
  });

  it('does not claim JSON, access logs, EKS lines or plain text', () => {
    const others = [
      '{"timestamp":1576280412771,"formatVersion":1,"action":"ACCEPT"}',
      '10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /index.html HTTP/1.0" 200 2326',
      'I1113 18:34:10.595141 1 controller.go:615] quota admission added evaluator for: leases',
      'time="2024-01-01T00:00:00Z" level=info msg="access granted" arn="arn:aws:iam::123:role/x"',
      'Connection ACCEPT from peer OK',
      '',
      'x'.repeat(10_000),
    ];
    for (const line of others) expect(looksLikeVpcFlow(line), line).toBe(false);
  });
});
