// GuardDuty `resource`: the identifiers a responder acts on (instance, access key, buckets, clusters, functions, databases).
import { type FieldReader, type JsonObject, put } from '../json.js';

function readInstance(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  put(out, 'instance_id', reader.string(details, 'instanceId', path));
  put(out, 'instance_type', reader.string(details, 'instanceType', path));
  put(out, 'instance_state', reader.string(details, 'instanceState', path));
  put(out, 'image_id', reader.string(details, 'imageId', path));
  put(out, 'availability_zone', reader.string(details, 'availabilityZone', path));
  put(out, 'platform', reader.string(details, 'platform', path));
  const profile = reader.object(details, 'iamInstanceProfile', path);
  if (profile !== undefined) put(out, 'iam_instance_profile_arn', reader.string(profile, 'arn', `${path}.iamInstanceProfile`));
  const tags = reader.array(details, 'tags', path);
  if (tags !== undefined) {
    for (const tag of tags) {
      if (tag !== null && typeof tag === 'object' && (tag as JsonObject).key === 'Name' && typeof (tag as JsonObject).value === 'string') {
        out.instance_name = (tag as JsonObject).value;
        break;
      }
    }
  }
  const interfaces = reader.array(details, 'networkInterfaces', path);
  if (interfaces === undefined) return;
  const interfaceIds: string[] = [];
  const privateIps: string[] = [];
  const publicIps: string[] = [];
  const vpcIds: string[] = [];
  const subnetIds: string[] = [];
  const securityGroupIds: string[] = [];
  for (let i = 0; i < interfaces.length; i++) {
    const nic = reader.objectAt(interfaces, i, `${path}.networkInterfaces`);
    if (nic === undefined) continue;
    const at = `${path}.networkInterfaces[${i}]`;
    const add = (list: string[], value: string | undefined): void => {
      if (value !== undefined && value !== '' && !list.includes(value)) list.push(value);
    };
    add(interfaceIds, reader.string(nic, 'networkInterfaceId', at));
    add(privateIps, reader.string(nic, 'privateIpAddress', at));
    add(publicIps, reader.string(nic, 'publicIp', at));
    add(vpcIds, reader.string(nic, 'vpcId', at));
    add(subnetIds, reader.string(nic, 'subnetId', at));
    const groups = reader.array(nic, 'securityGroups', at);
    if (groups !== undefined) {
      for (let g = 0; g < groups.length; g++) {
        const group = reader.objectAt(groups, g, `${at}.securityGroups`);
        if (group !== undefined) add(securityGroupIds, reader.string(group, 'groupId', `${at}.securityGroups[${g}]`));
      }
    }
  }
  put(out, 'network_interface_ids', interfaceIds);
  put(out, 'private_ips', privateIps);
  put(out, 'public_ips', publicIps);
  put(out, 'vpc_ids', vpcIds);
  put(out, 'subnet_ids', subnetIds);
  put(out, 'security_group_ids', securityGroupIds);
}

function readAccessKey(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  put(out, 'access_key_id', reader.string(details, 'accessKeyId', path));
  put(out, 'principal_id', reader.string(details, 'principalId', path));
  put(out, 'user_name', reader.string(details, 'userName', path));
  put(out, 'user_type', reader.string(details, 'userType', path));
}

function readS3Buckets(reader: FieldReader, list: unknown[], path: string, out: JsonObject): void {
  const names: string[] = [];
  const arns: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const bucket = reader.objectAt(list, i, path);
    if (bucket === undefined) continue;
    const name = reader.string(bucket, 'name', `${path}[${i}]`);
    const arn = reader.string(bucket, 'arn', `${path}[${i}]`);
    if (name !== undefined) names.push(name);
    if (arn !== undefined) arns.push(arn);
  }
  put(out, 's3_bucket_names', names);
  put(out, 's3_bucket_arns', arns);
}

function readKubernetes(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  const user = reader.object(details, 'kubernetesUserDetails', path);
  if (user !== undefined) {
    const at = `${path}.kubernetesUserDetails`;
    put(out, 'k8s_user', reader.string(user, 'username', at));
    put(out, 'k8s_user_uid', reader.string(user, 'uid', at));
    put(out, 'k8s_groups', reader.strings(user, 'groups', at));
  }
  const workload = reader.object(details, 'kubernetesWorkloadDetails', path);
  if (workload !== undefined) {
    const at = `${path}.kubernetesWorkloadDetails`;
    put(out, 'k8s_workload_name', reader.string(workload, 'name', at));
    put(out, 'k8s_workload_type', reader.string(workload, 'type', at));
    put(out, 'k8s_namespace', reader.string(workload, 'namespace', at));
  }
}

function readEcsCluster(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  put(out, 'ecs_cluster', reader.string(details, 'name', path));
  put(out, 'ecs_cluster_arn', reader.string(details, 'arn', path));
  const task = reader.object(details, 'taskDetails', path);
  if (task !== undefined) {
    put(out, 'ecs_task_arn', reader.string(task, 'arn', `${path}.taskDetails`));
    put(out, 'ecs_task_definition_arn', reader.string(task, 'definitionArn', `${path}.taskDetails`));
    put(out, 'ecs_launch_type', reader.string(task, 'launchType', `${path}.taskDetails`));
  }
}

function readContainer(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  put(out, 'container_name', reader.string(details, 'name', path));
  put(out, 'container_id', reader.string(details, 'id', path));
  put(out, 'container_image', reader.string(details, 'image', path));
}

function readLambda(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  put(out, 'lambda_function_name', reader.string(details, 'functionName', path));
  put(out, 'lambda_function_arn', reader.string(details, 'functionArn', path));
  put(out, 'lambda_role', reader.string(details, 'role', path));
}

function readRds(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  put(out, 'rds_instance_id', reader.string(details, 'dbInstanceIdentifier', path));
  put(out, 'rds_instance_arn', reader.string(details, 'dbInstanceArn', path));
  put(out, 'rds_cluster_id', reader.string(details, 'dbClusterIdentifier', path));
  put(out, 'rds_engine', reader.string(details, 'engine', path));
}

function readRdsLimitless(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  put(out, 'rds_shard_group_id', reader.string(details, 'dbShardGroupIdentifier', path));
  put(out, 'rds_shard_group_arn', reader.string(details, 'dbShardGroupArn', path));
  if (out.rds_cluster_id === undefined) put(out, 'rds_cluster_id', reader.string(details, 'dbClusterIdentifier', path));
  if (out.rds_engine === undefined) put(out, 'rds_engine', reader.string(details, 'engine', path));
}

function readRdsUser(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  put(out, 'rds_user', reader.string(details, 'user', path));
  put(out, 'rds_database', reader.string(details, 'database', path));
  put(out, 'rds_application', reader.string(details, 'application', path));
  put(out, 'rds_auth_method', reader.string(details, 'authMethod', path));
}

function readEksCluster(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  put(out, 'eks_cluster_name', reader.string(details, 'name', path));
  put(out, 'eks_cluster_arn', reader.string(details, 'arn', path));
  if (out.vpc_ids === undefined) {
    const vpcId = reader.string(details, 'vpcId', path);
    if (vpcId !== undefined) out.vpc_ids = [vpcId];
  }
}

type ResourceReader = (reader: FieldReader, details: JsonObject, path: string, out: JsonObject) => void;

const resourceReaders: ReadonlyArray<[string, ResourceReader]> = [
  ['instanceDetails', readInstance],
  ['accessKeyDetails', readAccessKey],
  ['eksClusterDetails', readEksCluster],
  ['kubernetesDetails', readKubernetes],
  ['ecsClusterDetails', readEcsCluster],
  ['containerDetails', readContainer],
  ['lambdaDetails', readLambda],
  ['rdsDbInstanceDetails', readRds],
  ['rdsLimitlessDbDetails', readRdsLimitless],
  ['rdsDbUserDetails', readRdsUser],
];

/** Reads `resource` into the flat `guardduty.resource` object; returns the resource type too. */
export function readResource(reader: FieldReader, resource: JsonObject, path: string): { resource: JsonObject; resourceType?: string } {
  const out: JsonObject = {};
  const resourceType = reader.string(resource, 'resourceType', path);
  for (const [key, read] of resourceReaders) {
    const details = reader.object(resource, key, path);
    if (details !== undefined) read(reader, details, `${path}.${key}`, out);
  }
  const buckets = reader.array(resource, 's3BucketDetails', path);
  if (buckets !== undefined) readS3Buckets(reader, buckets, `${path}.s3BucketDetails`, out);
  return resourceType === undefined ? { resource: out } : { resource: out, resourceType };
}
