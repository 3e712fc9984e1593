// The documented AWS field layouts tried, in this order, when a line fits neither the configured nor the default format.
import { defaultVpcFlowFormat, namedFormat, type CompiledVpcFlowFormat } from './format.js';

// "All fields of versions 2..N in the order of the AWS field table": what the console's "all fields" choice and most
// Athena/Elastic layouts produce (Elastic's token-count table: 21, 25, 29, 39, 40).
const v2 = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const v3 = `${v2} vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr`;
const v4 = `${v3} region az-id sublocation-type sublocation-id`;
const v5 = `${v4} pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path`;
const v7 =
  `${v5} ecs-cluster-arn ecs-cluster-name ecs-container-instance-arn ecs-container-instance-id ecs-container-id ` +
  'ecs-second-container-id ecs-service-name ecs-task-definition-arn ecs-task-arn ecs-task-id';
const v8 = `${v7} reject-reason`;

// Transit Gateway flow logs' default layout (version 6), as Elastic's 36-token fixture orders it.
const transitGatewayDefault =
  'version resource-type account-id tgw-id tgw-attachment-id tgw-src-vpc-account-id tgw-dst-vpc-account-id ' +
  'tgw-src-vpc-id tgw-dst-vpc-id tgw-src-subnet-id tgw-dst-subnet-id tgw-src-eni tgw-dst-eni tgw-src-az-id ' +
  'tgw-dst-az-id tgw-pair-attachment-id srcaddr dstaddr srcport dstport protocol packets bytes start end log-status ' +
  'type packets-lost-no-route packets-lost-blackhole packets-lost-mtu-exceeded packets-lost-ttl-expired tcp-flags ' +
  'region flow-direction pkt-src-aws-service pkt-dst-aws-service';

/**
 * Every documented layout, the AWS default first. Layouts with the same field count are told apart by value
 * validation (ids, IPs, enums), and the first that validates wins.
 */
export const documentedVpcFlowFormats: readonly CompiledVpcFlowFormat[] = [
  defaultVpcFlowFormat,
  namedFormat('aws-v3-all', v3),
  namedFormat('aws-v4-all', v4),
  namedFormat('aws-v5-all', v5),
  namedFormat('aws-v7-all', v7),
  namedFormat('aws-v8-all', v8),
  namedFormat('aws-tgw-default', transitGatewayDefault),
  // The custom layouts of the AWS "Flow log record examples" page (samples/vpcflow/awsdocs/*.format.txt).
  namedFormat('aws-doc-nat-gateway', 'instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr'),
  namedFormat(
    'aws-doc-tcp-flag-sequence',
    'version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr ' +
      'pkt-dstaddr protocol bytes packets start end action tcp-flags log-status',
  ),
  namedFormat(
    'aws-doc-transit-gateway-vpc',
    'version interface-id account-id vpc-id subnet-id instance-id srcaddr dstaddr srcport dstport protocol tcp-flags ' +
      'type pkt-srcaddr pkt-dstaddr action log-status',
  ),
  namedFormat(
    'aws-doc-v5-service-traffic-path-direction',
    'version srcaddr dstaddr srcport dstport protocol start end type packets bytes account-id vpc-id subnet-id ' +
      'instance-id interface-id region az-id sublocation-type sublocation-id action tcp-flags pkt-srcaddr pkt-dstaddr ' +
      'pkt-src-aws-service pkt-dst-aws-service traffic-path flow-direction log-status',
  ),
];
