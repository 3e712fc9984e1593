// Property test: 100,000 generated GuardDuty findings, valid and damaged, each give exactly one record with the message intact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMutation, contractViolation, mutationArbitrary } from '../waf/testdata/json-mutations.js';
import { parseGuardDuty } from './index.js';

const text = fc.string({ maxLength: 12 });
const isoTime = fc.integer({ min: 0, max: 4_000_000_000_000 }).map((milliseconds) => new Date(milliseconds).toISOString());
const port = fc.record({ port: fc.integer({ min: 0, max: 65535 }), portName: text }, { requiredKeys: ['port'] });
const remoteIp = fc.record({
  ipAddressV4: fc.ipV4(),
  ipAddressV6: fc.ipV6(),
  organization: fc.record({ asn: fc.oneof(fc.integer({ min: -1, max: 400000 }), fc.constantFrom('0', '-1', '16509')), asnOrg: text, isp: text, org: text }),
  country: fc.record({ countryName: text, countryCode: fc.constantFrom('US', 'NL') }, { requiredKeys: [] }),
  city: fc.record({ cityName: text }),
  geoLocation: fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lon: fc.double({ min: -180, max: 180, noNaN: true }) }),
}, { requiredKeys: ['ipAddressV4'] });

/** One `service.action` per documented action type. */
const action = fc.oneof(
  fc.record({ actionType: fc.constant('NETWORK_CONNECTION'), networkConnectionAction: fc.record({ connectionDirection: fc.constantFrom('INBOUND', 'OUTBOUND', 'UNKNOWN'), protocol: fc.constantFrom('TCP', 'UDP'), blocked: fc.boolean(), localPortDetails: port, remotePortDetails: port, localIpDetails: fc.record({ ipAddressV4: fc.ipV4() }), remoteIpDetails: remoteIp }) }),
  fc.record({ actionType: fc.constant('PORT_PROBE'), portProbeAction: fc.record({ blocked: fc.boolean(), portProbeDetails: fc.array(fc.record({ localPortDetails: port, remoteIpDetails: remoteIp }), { maxLength: 3 }) }) }),
  fc.record({ actionType: fc.constant('DNS_REQUEST'), dnsRequestAction: fc.record({ domain: fc.domain(), protocol: fc.constant('UDP'), blocked: fc.boolean(), domainWithSuffix: fc.domain() }, { requiredKeys: ['domain'] }) }),
  fc.record({ actionType: fc.constant('AWS_API_CALL'), awsApiCallAction: fc.record({ api: text, serviceName: text, callerType: fc.constantFrom('Remote IP', 'Domain'), errorCode: text, userAgent: text, remoteIpDetails: remoteIp, remoteAccountDetails: fc.record({ accountId: fc.stringMatching(/^\d{12}$/), affiliated: fc.boolean() }), affectedResources: fc.dictionary(text, text, { maxKeys: 2 }) }, { requiredKeys: ['api'] }) }),
  fc.record({ actionType: fc.constant('KUBERNETES_API_CALL'), kubernetesApiCallAction: fc.record({ requestUri: text, verb: fc.constantFrom('get', 'create', 'delete'), sourceIPs: fc.array(fc.ipV4(), { maxLength: 2 }), userAgent: text, statusCode: fc.integer({ min: 100, max: 599 }), remoteIpDetails: remoteIp }, { requiredKeys: ['verb'] }) }),
  fc.record({ actionType: fc.constant('RDS_LOGIN_ATTEMPT'), rdsLoginAttemptAction: fc.record({ remoteIpDetails: remoteIp, LoginAttributes: fc.array(fc.record({ user: text, application: text, failedLoginAttempts: fc.nat(), successfulLoginAttempts: fc.nat() }), { maxLength: 2 }) }) }),
);

const resource = fc.oneof(
  fc.record({ resourceType: fc.constant('Instance'), instanceDetails: fc.record({ instanceId: text, instanceType: text, tags: fc.array(fc.record({ key: fc.constantFrom('Name', 'team'), value: text }), { maxLength: 2 }), networkInterfaces: fc.array(fc.record({ networkInterfaceId: text, privateIpAddress: fc.ipV4(), publicIp: fc.ipV4(), vpcId: text, subnetId: text, securityGroups: fc.array(fc.record({ groupId: text, groupName: text }), { maxLength: 2 }) }), { maxLength: 2 }) }) }),
  fc.record({ resourceType: fc.constant('AccessKey'), accessKeyDetails: fc.record({ accessKeyId: text, principalId: text, userName: text, userType: fc.constantFrom('IAMUser', 'AssumedRole', 'Root') }) }),
  fc.record({ resourceType: fc.constant('S3Bucket'), s3BucketDetails: fc.array(fc.record({ name: text, arn: text, type: fc.constant('Destination'), createdAt: fc.double({ min: 0, max: 2e9, noNaN: true }) }), { maxLength: 2 }) }),
  fc.record({ resourceType: fc.constant('EKSCluster'), eksClusterDetails: fc.record({ name: text, arn: text, vpcId: text }), kubernetesDetails: fc.record({ kubernetesUserDetails: fc.record({ username: text, uid: text, groups: fc.array(text, { maxLength: 2 }) }) }) }),
  fc.record({ resourceType: fc.constant('ECSCluster'), ecsClusterDetails: fc.record({ name: text, arn: text, taskDetails: fc.record({ arn: text, definitionArn: text }) }), containerDetails: fc.record({ name: text, image: text }) }),
  fc.record({ resourceType: fc.constant('Lambda'), lambdaDetails: fc.record({ functionName: text, functionArn: text }) }),
  fc.record({ resourceType: fc.constant('RDSDBInstance'), rdsDbInstanceDetails: fc.record({ dbInstanceIdentifier: text, engine: text, dbClusterIdentifier: text }), rdsDbUserDetails: fc.record({ user: text, database: text }) }),
);

const finding = fc.record({
  schemaVersion: fc.constant('2.0'),
  accountId: fc.stringMatching(/^\d{12}$/),
  region: fc.constantFrom('us-east-1', 'eu-west-1'),
  partition: fc.constant('aws'),
  id: fc.stringMatching(/^[0-9a-f]{32}$/),
  arn: text,
  type: fc.constantFrom('Recon:EC2/PortProbeUnprotectedPort', 'UnauthorizedAccess:IAMUser/TorIPCaller', 'Trojan:EC2/BlackholeTraffic!DNS'),
  resource,
  service: fc.record({ serviceName: fc.constant('guardduty'), detectorId: text, action, archived: fc.boolean(), count: fc.integer({ min: 1, max: 100000 }), eventFirstSeen: isoTime, eventLastSeen: isoTime, resourceRole: fc.constantFrom('TARGET', 'ACTOR'), additionalInfo: fc.record({ value: text, type: fc.constant('default'), sample: fc.boolean() }, { requiredKeys: [] }), evidence: fc.constant(null) }, { requiredKeys: ['action', 'count'] }),
  severity: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true })),
  createdAt: isoTime,
  updatedAt: isoTime,
  title: text,
  description: text,
}, { requiredKeys: ['id', 'type', 'severity'] });

/** Half wrapped in the EventBridge envelope, half bare. */
const document = fc.oneof(
  finding,
  fc.tuple(finding, fc.uuid(), isoTime).map(([detail, id, time]) => ({ version: '0', id, 'detail-type': 'GuardDuty Finding', source: 'aws.guardduty', account: detail.accountId ?? '123456789012', time, region: 'us-east-1', resources: [], detail })),
);

describe('parseGuardDuty on generated and damaged input', () => {
  it('never throws, returns one record per message, keeps the message, and reads undamaged findings cleanly', () => {
    // Generating rich documents is the slow part, so 2,000 of them are each damaged many ways (100,000 inputs in all).
    const poolSeed = Date.now();
    const pool = fc.sample(document, { numRuns: 2_000, seed: poolSeed });
    const texts = pool.map((item) => JSON.stringify(item));
    fc.assert(
      fc.property(fc.nat(pool.length - 1), mutationArbitrary, (index, mutation) => {
        const message = applyMutation(texts[index]!, mutation);
        const record = parseGuardDuty({ timestamp: 1, message }, {});
        const violation = contractViolation(record, message, 'aws_guardduty');
        if (violation !== undefined) throw new Error(`${violation} (pool seed ${poolSeed})`);
        if (mutation.kind === 'none') {
          if (record.parse_error !== undefined) throw new Error(`valid finding rejected: ${record.parse_error} (pool seed ${poolSeed})`);
          if (typeof record.severity !== 'number' || typeof record.severity_label !== 'string') throw new Error(`valid finding misread (pool seed ${poolSeed})`);
        }
      }),
      { numRuns: 100_000 },
    );
    expect(pool).toHaveLength(2_000);
  }, 60_000);
});
