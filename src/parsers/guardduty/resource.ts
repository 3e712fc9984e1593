// GuardDuty `resource`: the identifiers a responder acts on (instance, access key, buckets, clusters, functions, databases).
import { type FieldReader, type JsonObject , isPresent } from '../json.js';

/** Adds a value to a list once. */
function addOnce(list: string[], value: string | undefined): void {
  if (value !== undefined && value !== '' && !list.includes(value)) list.push(value);
}

function readInstance(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details, 'instanceId', path); if (isPresent(value)) out.instance_id = value; }
  { const value = reader.string(details, 'instanceType', path); if (isPresent(value)) out.instance_type = value; }
  { const value = reader.string(details, 'instanceState', path); if (isPresent(value)) out.instance_state = value; }
  { const value = reader.string(details, 'imageId', path); if (isPresent(value)) out.image_id = value; }
  { const value = reader.string(details, 'availabilityZone', path); if (isPresent(value)) out.availability_zone = value; }
  { const value = reader.string(details, 'platform', path); if (isPresent(value)) out.platform = value; }
  const profile = reader.object(details, 'iamInstanceProfile', path);
  if (profile !== undefined) { const value = reader.string(profile, 'arn', `${path}.iamInstanceProfile`); if (isPresent(value)) out.iam_instance_profile_arn = value; }
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
    addOnce(interfaceIds, reader.string(nic, 'networkInterfaceId', at));
    addOnce(privateIps, reader.string(nic, 'privateIpAddress', at));
    addOnce(publicIps, reader.string(nic, 'publicIp', at));
    addOnce(vpcIds, reader.string(nic, 'vpcId', at));
    addOnce(subnetIds, reader.string(nic, 'subnetId', at));
    const groups = reader.array(nic, 'securityGroups', at);
    if (groups !== undefined) {
      for (let g = 0; g < groups.length; g++) {
        const group = reader.objectAt(groups, g, `${at}.securityGroups`);
        if (group !== undefined) addOnce(securityGroupIds, reader.string(group, 'groupId', `${at}.securityGroups[${g}]`));
      }
    }
  }
  { const value = interfaceIds; if (isPresent(value)) out.network_interface_ids = value; }
  { const value = privateIps; if (isPresent(value)) out.private_ips = value; }
  { const value = publicIps; if (isPresent(value)) out.public_ips = value; }
  { const value = vpcIds; if (isPresent(value)) out.vpc_ids = value; }
  { const value = subnetIds; if (isPresent(value)) out.subnet_ids = value; }
  { const value = securityGroupIds; if (isPresent(value)) out.security_group_ids = value; }
}

function readAccessKey(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details, 'accessKeyId', path); if (isPresent(value)) out.access_key_id = value; }
  { const value = reader.string(details, 'principalId', path); if (isPresent(value)) out.principal_id = value; }
  { const value = reader.string(details, 'userName', path); if (isPresent(value)) out.user_name = value; }
  { const value = reader.string(details, 'userType', path); if (isPresent(value)) out.user_type = value; }
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
  { const value = names; if (isPresent(value)) out.s3_bucket_names = value; }
  { const value = arns; if (isPresent(value)) out.s3_bucket_arns = value; }
}

function readKubernetes(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  const user = reader.object(details, 'kubernetesUserDetails', path);
  if (user !== undefined) {
    const at = `${path}.kubernetesUserDetails`;
    { const value = reader.string(user, 'username', at); if (isPresent(value)) out.k8s_user = value; }
    { const value = reader.string(user, 'uid', at); if (isPresent(value)) out.k8s_user_uid = value; }
    { const value = reader.strings(user, 'groups', at); if (isPresent(value)) out.k8s_groups = value; }
  }
  const workload = reader.object(details, 'kubernetesWorkloadDetails', path);
  if (workload !== undefined) {
    const at = `${path}.kubernetesWorkloadDetails`;
    { const value = reader.string(workload, 'name', at); if (isPresent(value)) out.k8s_workload_name = value; }
    { const value = reader.string(workload, 'type', at); if (isPresent(value)) out.k8s_workload_type = value; }
    { const value = reader.string(workload, 'namespace', at); if (isPresent(value)) out.k8s_namespace = value; }
  }
}

function readEcsCluster(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details, 'name', path); if (isPresent(value)) out.ecs_cluster = value; }
  { const value = reader.string(details, 'arn', path); if (isPresent(value)) out.ecs_cluster_arn = value; }
  const task = reader.object(details, 'taskDetails', path);
  if (task !== undefined) {
    { const value = reader.string(task, 'arn', `${path}.taskDetails`); if (isPresent(value)) out.ecs_task_arn = value; }
    { const value = reader.string(task, 'definitionArn', `${path}.taskDetails`); if (isPresent(value)) out.ecs_task_definition_arn = value; }
    { const value = reader.string(task, 'launchType', `${path}.taskDetails`); if (isPresent(value)) out.ecs_launch_type = value; }
  }
}

function readContainer(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details, 'name', path); if (isPresent(value)) out.container_name = value; }
  { const value = reader.string(details, 'id', path); if (isPresent(value)) out.container_id = value; }
  { const value = reader.string(details, 'image', path); if (isPresent(value)) out.container_image = value; }
}

function readLambda(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details, 'functionName', path); if (isPresent(value)) out.lambda_function_name = value; }
  { const value = reader.string(details, 'functionArn', path); if (isPresent(value)) out.lambda_function_arn = value; }
  { const value = reader.string(details, 'role', path); if (isPresent(value)) out.lambda_role = value; }
}

function readRds(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details, 'dbInstanceIdentifier', path); if (isPresent(value)) out.rds_instance_id = value; }
  { const value = reader.string(details, 'dbInstanceArn', path); if (isPresent(value)) out.rds_instance_arn = value; }
  { const value = reader.string(details, 'dbClusterIdentifier', path); if (isPresent(value)) out.rds_cluster_id = value; }
  { const value = reader.string(details, 'engine', path); if (isPresent(value)) out.rds_engine = value; }
}

function readRdsLimitless(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details, 'dbShardGroupIdentifier', path); if (isPresent(value)) out.rds_shard_group_id = value; }
  { const value = reader.string(details, 'dbShardGroupArn', path); if (isPresent(value)) out.rds_shard_group_arn = value; }
  if (out.rds_cluster_id === undefined) { const value = reader.string(details, 'dbClusterIdentifier', path); if (isPresent(value)) out.rds_cluster_id = value; }
  if (out.rds_engine === undefined) { const value = reader.string(details, 'engine', path); if (isPresent(value)) out.rds_engine = value; }
}

function readRdsUser(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details, 'user', path); if (isPresent(value)) out.rds_user = value; }
  { const value = reader.string(details, 'database', path); if (isPresent(value)) out.rds_database = value; }
  { const value = reader.string(details, 'application', path); if (isPresent(value)) out.rds_application = value; }
  { const value = reader.string(details, 'authMethod', path); if (isPresent(value)) out.rds_auth_method = value; }
}

function readEksCluster(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details, 'name', path); if (isPresent(value)) out.eks_cluster_name = value; }
  { const value = reader.string(details, 'arn', path); if (isPresent(value)) out.eks_cluster_arn = value; }
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
