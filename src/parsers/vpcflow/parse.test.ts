// Behaviour of parseVpcFlow on every documented field and version, and on input that does not fit.
import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../../core/record.js';
import { DEFAULT_VPC_FLOW_FORMAT, documentedVpcFlowFormats, knownFields, parseVpcFlow } from './index.js';

const eventTime = 1700000000123;
const parse = (message: string, context: ParseContext = {}) => parseVpcFlow({ timestamp: eventTime, message, eventId: 'e1', logStreamName: 'eni-1-all' }, context);
const formatOf = (names: string) => names.split(' ').map((name) => `\${${name}}`).join(' ');
const accept = '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK';

describe('parseVpcFlow on the default format', () => {
  it('fills the common fields of CONTRACT and keeps the event timestamp and the message', () => {
    const record = parse(accept, { logGroup: 'vpc-flow', tenant: 'acme' });
    expect(record).toMatchObject({
      timestamp: eventTime,
      msg_class: 'aws_cloudwatch_vpcflow',
      index: 'traffic',
      tenant_name: 'acme',
      aws: { log_group: 'vpc-flow', log_stream: 'eni-1-all', event_id: 'e1' },
      message: accept,
      srcip: '172.31.16.139',
      dstip: '172.31.16.21',
      srcport: 20641,
      dstport: 22,
      proto: 6,
      proto_name: 'tcp',
      action: 'ACCEPT',
      log_status: 'OK',
      packets: 20,
      bytes: 4249,
      start_time: 1418530010000,
      end_time: 1418530070000,
      interface_id: 'eni-1235b8ca123456789',
      vpcflow_format: 'default',
    });
    expect(record.vpcflow).toMatchObject({ version: 2, account_id: '123456789010', start: 1418530010 });
    expect(record.parse_error).toBeUndefined();
  });

  it('keeps an unknown account id and leading-zero account ids as strings', () => {
    expect(parse(accept.replace('123456789010', 'unknown')).vpcflow).toMatchObject({ account_id: 'unknown' });
    expect(parse(accept.replace('123456789010', '000000000042')).vpcflow).toMatchObject({ account_id: '000000000042' });
  });

  it('names ICMP, ICMPv6, GRE, ESP and SCTP by their IANA keywords, and omits the name of an unassigned number', () => {
    const withProtocol = (protocol: number) => parse(accept.replace(' 6 20 ', ` ${protocol} 20 `));
    expect(withProtocol(1).proto_name).toBe('icmp');
    expect(withProtocol(58)).toMatchObject({ proto: 58, proto_name: 'ipv6-icmp' });
    expect(withProtocol(47).proto_name).toBe('gre');
    expect(withProtocol(50).proto_name).toBe('esp');
    expect(withProtocol(132).proto_name).toBe('sctp');
    const unassigned = withProtocol(200);
    expect(unassigned.proto).toBe(200);
    expect('proto_name' in unassigned).toBe(false);
  });

  it('reads an ICMPv6 flow between IPv6 addresses', () => {
    const record = parse('2 123456789010 eni-1 2001:db8::1 ff02::1:ff00:1 0 0 58 1 72 1477913708 1477913820 ACCEPT OK');
    expect(record).toMatchObject({ srcip: '2001:db8::1', dstip: 'ff02::1:ff00:1', proto_name: 'ipv6-icmp', srcport: 0 });
  });

  it('gives NODATA and SKIPDATA records their status and interval but no network fields', () => {
    for (const status of ['NODATA', 'SKIPDATA']) {
      const record = parse(`2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - ${status}`);
      expect(record.log_status).toBe(status);
      expect(record.start_time).toBe(1431280876000);
      for (const key of ['srcip', 'dstip', 'srcport', 'dstport', 'proto', 'proto_name', 'packets', 'bytes', 'action']) expect(key in record).toBe(false);
      expect(Object.values(record.vpcflow as object)).not.toContain('-');
      expect(record.parse_error).toBeUndefined();
    }
  });

  it('splits on runs of whitespace, including tabs and a trailing newline', () => {
    const record = parse(`  ${accept.replaceAll(' ', ' \t ')}\n`);
    expect(record.parse_error).toBeUndefined();
    expect(record.srcport).toBe(20641);
  });
});

describe('parseVpcFlow on custom formats', () => {
  const v3 = 'version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status';

  it('decodes TCP flag combinations into names and keeps the number', () => {
    const cases: [number, string[]][] = [[0, []], [1, ['fin']], [2, ['syn']], [4, ['rst']], [18, ['syn', 'ack']], [3, ['fin', 'syn']], [19, ['fin', 'syn', 'ack']], [63, ['fin', 'syn', 'rst', 'psh', 'ack', 'urg']]];
    for (const [flags, names] of cases) {
      const record = parse(`3 vpc-1 subnet-1 i-1 eni-1 123456789010 IPv4 10.0.0.1 10.0.0.2 1 2 10.0.0.1 10.0.0.2 6 10 1 1566848875 1566848933 ACCEPT ${flags} OK`, { vpcFlowLogFormat: formatOf(v3) });
      expect(record.tcp_flag_names).toEqual(names);
      expect((record.vpcflow as { tcp_flags: number }).tcp_flags).toBe(flags);
    }
  });

  it('follows a reordered format, whatever the field order', () => {
    const record = parse('ACCEPT 443 10.0.0.9 6 eni-abc 198.51.100.7', { vpcFlowLogFormat: formatOf('action dstport dstaddr protocol interface-id srcaddr') });
    expect(record).toMatchObject({ action: 'ACCEPT', dstport: 443, dstip: '10.0.0.9', proto: 6, interface_id: 'eni-abc', srcip: '198.51.100.7', vpcflow_format: 'configured' });
  });

  it('reads every documented field, typed, under vpcflow with hyphens as underscores', () => {
    const values: Record<string, string> = {
      version: '8', 'account-id': '123456789010', 'interface-id': 'eni-0a', srcaddr: '10.0.0.1', dstaddr: '10.0.0.2', srcport: '1', dstport: '2', protocol: '17',
      packets: '3', bytes: '4', start: '1700000000', end: '1700000060', action: 'REJECT', 'log-status': 'OK', 'vpc-id': 'vpc-0a', 'subnet-id': 'subnet-0a',
      'instance-id': 'i-0a', 'tcp-flags': '0', type: 'IPv4', 'pkt-srcaddr': '10.0.0.1', 'pkt-dstaddr': '10.0.0.2', region: 'us-east-1', 'az-id': 'use1-az5',
      'sublocation-type': 'outpost', 'sublocation-id': 'op-0a', 'pkt-src-aws-service': 'S3', 'pkt-dst-aws-service': 'EC2', 'flow-direction': 'egress',
      'traffic-path': '8', 'resource-type': 'TransitGateway', 'tgw-id': 'tgw-0a', 'tgw-attachment-id': 'tgw-attach-0a', 'tgw-src-vpc-account-id': '123456789010',
      'tgw-dst-vpc-account-id': 'unknown', 'tgw-src-vpc-id': 'vpc-1', 'tgw-dst-vpc-id': 'vpc-2', 'tgw-src-subnet-id': 'subnet-1', 'tgw-dst-subnet-id': 'subnet-2',
      'tgw-src-eni': 'eni-1', 'tgw-dst-eni': 'eni-2', 'tgw-src-az-id': 'use1-az1', 'tgw-dst-az-id': 'use1-az2', 'tgw-pair-attachment-id': 'tgw-attach-1',
      'packets-lost-no-route': '5', 'packets-lost-blackhole': '6', 'packets-lost-mtu-exceeded': '7', 'packets-lost-ttl-expired': '8',
      'ecs-cluster-arn': 'arn:aws:ecs:us-east-1:123456789010:cluster/c', 'ecs-cluster-name': 'c', 'ecs-container-instance-arn': 'arn:aws:ecs:us-east-1:123456789010:container-instance/c/1',
      'ecs-container-instance-id': '1', 'ecs-container-id': 'abc', 'ecs-second-container-id': 'def', 'ecs-service-name': 'web',
      'ecs-task-definition-arn': 'arn:aws:ecs:us-east-1:123456789010:task-definition/web:1', 'ecs-task-arn': 'arn:aws:ecs:us-east-1:123456789010:task/c/1', 'ecs-task-id': '1',
      'reject-reason': 'BPA',
    };
    expect(Object.keys(values).sort()).toEqual(knownFields.map((field) => field.name).sort());
    const names = Object.keys(values);
    const record = parse(names.map((name) => values[name]).join(' '), { vpcFlowLogFormat: formatOf(names.join(' ')) });
    expect(record.parse_error).toBeUndefined();
    const vpcflow = record.vpcflow as Record<string, unknown>;
    for (const name of names) {
      const key = name.replaceAll('-', '_');
      const numeric = knownFields.find((field) => field.name === name)?.kind === 1;
      expect(vpcflow[key], name).toBe(numeric ? Number(values[name]) : values[name]);
    }
    expect(vpcflow.ecs_container_instance_id).toBe('1');
    expect(record).toMatchObject({ proto_name: 'udp', action: 'REJECT', tcp_flag_names: [] });
  });

  it('reads one line of each documented layout by itself when the line does not fit the default', () => {
    const sampleValue = (name: string): string => {
      const field = knownFields.find((known) => known.name === name);
      if (name === 'start' || name === 'end') return '1700000000';
      if (field === undefined) return 'x';
      switch (field.kind) {
        case 1: return '7';
        case 2: return '192.0.2.1';
        case 3: return field.allowed[0] as string;
        case 4: return `${field.prefix}0a1b`;
        case 5: return '123456789010';
        default: return 'text';
      }
    };
    for (const format of documentedVpcFlowFormats) {
      const record = parse(format.fieldNames.map(sampleValue).join(' '));
      expect(record.parse_error, format.name).toBeUndefined();
      // Two documented layouts may share a field count; the record names whichever fitted, and never guesses past that.
      const sameCount = documentedVpcFlowFormats.filter((other) => other.fieldNames.length === format.fieldNames.length).map((other) => other.name);
      expect(sameCount).toContain(record.vpcflow_format);
      if (format.name === 'default') expect(record.vpcflow_format_note).toBeUndefined();
      else expect(record.vpcflow_format_note).toContain('fallback');
    }
  });

  it('reads a Transit Gateway (v6) default-layout record', () => {
    const line = '6 TransitGateway 123456789010 tgw-0123 tgw-attach-0123 123456789010 210987654321 vpc-1 vpc-2 subnet-1 subnet-2 eni-1 eni-2 use1-az1 use1-az2 tgw-attach-9 10.0.0.1 10.1.0.1 443 52000 6 10 840 1700000000 1700000060 OK IPv4 0 1 0 0 18 us-east-1 ingress - -';
    const record = parse(line);
    expect(record).toMatchObject({ vpcflow_format: 'aws-tgw-default', srcip: '10.0.0.1', bytes: 840, tcp_flag_names: ['syn', 'ack'] });
    expect(record.vpcflow).toMatchObject({ resource_type: 'TransitGateway', tgw_attachment_id: 'tgw-attach-0123', packets_lost_blackhole: 1, tgw_dst_vpc_account_id: '210987654321' });
    expect('action' in record).toBe(false);
  });

  it('passes unknown fields of a configured format through as strings', () => {
    const record = parse('10.0.0.1 1 encrypted', { vpcFlowLogFormat: '${srcaddr} ${encryption-status} ${next-hop-type}' });
    expect(record.vpcflow).toEqual({ srcaddr: '10.0.0.1', encryption_status: '1', next_hop_type: 'encrypted' });
  });

  it('falls back to the default format, with a note, when a line is not in the configured one', () => {
    const record = parse(accept, { vpcFlowLogFormat: formatOf(v3) });
    expect(record).toMatchObject({ vpcflow_format: 'default', srcip: '172.31.16.139' });
    expect(record.vpcflow_format_note).toMatch(/fallback/);
  });

  it('reports a configured format that is itself invalid on every record instead of guessing', () => {
    const record = parse(accept, { vpcFlowLogFormat: '${srcaddr} ${Dst Addr}' });
    expect(record.parse_error).toMatch(/invalid configured format/);
    expect(record.message).toBe(accept);
    expect('srcip' in record).toBe(false);
  });
});

describe('parseVpcFlow on lines that do not fit', () => {
  const expectError = (message: string, pattern: RegExp, context: ParseContext = {}) => {
    const record = parse(message, context);
    expect(record.parse_error).toMatch(pattern);
    expect(record.message).toBe(message);
    expect(record.timestamp).toBe(eventTime);
    expect('srcip' in record || 'vpcflow' in record).toBe(false);
    return record;
  };

  it('rejects a wrong field count that no documented layout has', () => {
    expectError('2 123456789010 eni-1 10.0.0.1', /wrong field count: the line has 4 fields and the default format has 14; no documented AWS layout has that many/);
  });

  it('rejects a wrong field count when the documented layouts with that count do not fit either', () => {
    expectError(`${accept} extra1 extra2 extra3 extra4 extra5 extra6 extra7`, /wrong field count: the line has 21 fields.*no documented AWS layout fits/);
  });

  it('names the field and value on bad IPs, ports, protocols, actions and statuses', () => {
    expectError(accept.replace('172.31.16.139', '172.31.16.256'), /field srcaddr \(position 4 of the default format\): "172.31.16.256" is not an IPv4 or IPv6 address/);
    expectError(accept.replace('172.31.16.139', '172.031.16.139'), /field srcaddr/);
    expectError(accept.replace('172.31.16.139', 'fe80::1%eth0'), /field srcaddr/);
    expectError(accept.replace(' 20641 ', ' 65536 '), /numeric overflow in field srcport.*"65536" is larger than 65535/);
    expectError(accept.replace(' 20641 ', ' -1 '), /field srcport.*"-1" is not a port/);
    expectError(accept.replace(' 6 20 ', ' 256 20 '), /field protocol/);
    expectError(accept.replace('ACCEPT', 'accept'), /field action.*one of ACCEPT, REJECT/);
    expectError(accept.replace(' OK', ' FINE'), /field log-status/);
    expectError(accept.replace('eni-1235b8ca123456789', 'nic-1'), /field interface-id.*starting with eni-/);
    expectError(accept.replace('123456789010', '12345'), /field account-id/);
  });

  it('reports numeric overflow of counts instead of rounding', () => {
    expectError(accept.replace(' 4249 ', ' 9007199254740992 '), /numeric overflow in field bytes/);
    expectError(accept.replace(' 4249 ', ` ${'9'.repeat(400)} `), /numeric overflow in field bytes/);
    expect(parse(accept.replace(' 4249 ', ' 9007199254740991 ')).bytes).toBe(9007199254740991);
  });

  it('rejects millisecond times, which would be a unit mistake', () => {
    expectError(accept.replace('1418530010', '1418530010000'), /numeric overflow in field start/);
  });

  it('rejects control characters inside a field and shows them escaped', () => {
    const record = expectError(accept.replace('eni-1235b8ca123456789', 'eni-12\u0000\u001b[31m'), /field interface-id/);
    expect(record.parse_error).toContain('\\u0000');
    expectError('10.0.0.1 a\u0085b', /field x \(position 2 of the configured format\)/, { vpcFlowLogFormat: '${srcaddr} ${x}' });
  });

  it('keeps a 1 MB line whole and keeps the error short', () => {
    const huge = `${accept} ${'A'.repeat(1024 * 1024)}`;
    const record = expectError(huge, /wrong field count: the line has 15 fields/);
    expect(record.message.length).toBe(huge.length);
    const hugeToken = accept.replace('ACCEPT', 'A'.repeat(1024 * 1024));
    const second = expectError(hugeToken, /field action/);
    expect((second.parse_error as string).length).toBeLessThan(300);
    expectError('1 '.repeat(600_000), /wrong field count: the line has 600000 fields/);
  });

  it('reports an empty or blank message', () => {
    expectError('', /empty message/);
    expectError(' \t ', /empty message/);
  });

  it('uses the default format string AWS documents', () => {
    expect(DEFAULT_VPC_FLOW_FORMAT).toBe('${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}');
  });
});
