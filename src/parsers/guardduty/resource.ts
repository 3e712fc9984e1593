// GuardDuty `resource`: the identifiers a responder acts on (instance, access key, buckets, clusters, functions, databases).
import { type FieldReader, type JsonObject , isPresent } from '../json.js';

/** Adds a value to a list once. */
function addOnce(list: string[], value: string | undefined): void {
  if (value !== undefined && value !== '' && !list.includes(value)) list.push(value);
}

function readInstance(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details.instanceId, 'instanceId', path); if (isPresent(value)) out.instance_id = value; }
  { const value = reader.string(details.instanceType, 'instanceType', path); if (isPresent(value)) out.instance_type = value; }
  { const value = reader.string(details.instanceState, 'instanceState', path); if (isPresent(value)) out.instance_state = value; }
  { const value = reader.string(details.imageId, 'imageId', path); if (isPresent(value)) out.image_id = value; }
  { const value = reader.string(details.availabilityZone, 'availabilityZone', path); if (isPresent(value)) out.availability_zone = value; }
  { const value = reader.string(details.platform, 'platform', path); if (isPresent(value)) out.platform = value; }
  const profile = reader.object(details.iamInstanceProfile, 'iamInstanceProfile', path);
  if (profile !== undefined) { const value = reader.string(profile.arn, 'arn', `${path}.iamInstanceProfile`); if (isPresent(value)) out.iam_instance_profile_arn = value; }
  const tags = reader.array(details.tags, 'tags', path);
  if (tags !== undefined) {
    for (const tag of tags) {
      if (tag !== null && typeof tag === 'object' && (tag as JsonObject).key === 'Name' && typeof (tag as JsonObject).value === 'string') {
        out.instance_name = (tag as JsonObject).value;
        break;
      }
    }
  }
  const interfaces = reader.array(details.networkInterfaces, 'networkInterfaces', path);
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
    addOnce(interfaceIds, reader.string(nic.networkInterfaceId, 'networkInterfaceId', at));
    addOnce(privateIps, reader.string(nic.privateIpAddress, 'privateIpAddress', at));
    addOnce(publicIps, reader.string(nic.publicIp, 'publicIp', at));
    addOnce(vpcIds, reader.string(nic.vpcId, 'vpcId', at));
    addOnce(subnetIds, reader.string(nic.subnetId, 'subnetId', at));
    const groups = reader.array(nic.securityGroups, 'securityGroups', at);
    if (groups !== undefined) {
      for (let g = 0; g < groups.length; g++) {
        const group = reader.objectAt(groups, g, `${at}.securityGroups`);
        if (group !== undefined) addOnce(securityGroupIds, reader.string(group.groupId, 'groupId', `${at}.securityGroups[${g}]`));
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
  { const value = reader.string(details.accessKeyId, 'accessKeyId', path); if (isPresent(value)) out.access_key_id = value; }
  { const value = reader.string(details.principalId, 'principalId', path); if (isPresent(value)) out.principal_id = value; }
  { const value = reader.string(details.userName, 'userName', path); if (isPresent(value)) out.user_name = value; }
  { const value = reader.string(details.userType, 'userType', path); if (isPresent(value)) out.user_type = value; }
}

function readS3Buckets(reader: FieldReader, list: unknown[], path: string, out: JsonObject): void {
  const names: string[] = [];
  const arns: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const bucket = reader.objectAt(list, i, path);
    if (bucket === undefined) continue;
    const name = reader.string(bucket.name, 'name', `${path}[${i}]`);
    const arn = reader.string(bucket.arn, 'arn', `${path}[${i}]`);
    if (name !== undefined) names.push(name);
    if (arn !== undefined) arns.push(arn);
  }
  { const value = names; if (isPresent(value)) out.s3_bucket_names = value; }
  { const value = arns; if (isPresent(value)) out.s3_bucket_arns = value; }
}

function readKubernetes(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  const user = reader.object(details.kubernetesUserDetails, 'kubernetesUserDetails', path);
  if (user !== undefined) {
    const at = `${path}.kubernetesUserDetails`;
    { const value = reader.string(user.username, 'username', at); if (isPresent(value)) out.k8s_user = value; }
    { const value = reader.string(user.uid, 'uid', at); if (isPresent(value)) out.k8s_user_uid = value; }
    { const value = reader.strings(user.groups, 'groups', at); if (isPresent(value)) out.k8s_groups = value; }
  }
  const workload = reader.object(details.kubernetesWorkloadDetails, 'kubernetesWorkloadDetails', path);
  if (workload !== undefined) {
    const at = `${path}.kubernetesWorkloadDetails`;
    { const value = reader.string(workload.name, 'name', at); if (isPresent(value)) out.k8s_workload_name = value; }
    { const value = reader.string(workload.type, 'type', at); if (isPresent(value)) out.k8s_workload_type = value; }
    { const value = reader.string(workload.namespace, 'namespace', at); if (isPresent(value)) out.k8s_namespace = value; }
  }
}

function readEcsCluster(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details.name, 'name', path); if (isPresent(value)) out.ecs_cluster = value; }
  { const value = reader.string(details.arn, 'arn', path); if (isPresent(value)) out.ecs_cluster_arn = value; }
  const task = reader.object(details.taskDetails, 'taskDetails', path);
  if (task !== undefined) {
    { const value = reader.string(task.arn, 'arn', `${path}.taskDetails`); if (isPresent(value)) out.ecs_task_arn = value; }
    { const value = reader.string(task.definitionArn, 'definitionArn', `${path}.taskDetails`); if (isPresent(value)) out.ecs_task_definition_arn = value; }
    { const value = reader.string(task.launchType, 'launchType', `${path}.taskDetails`); if (isPresent(value)) out.ecs_launch_type = value; }
  }
}

function readContainer(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details.name, 'name', path); if (isPresent(value)) out.container_name = value; }
  { const value = reader.string(details.id, 'id', path); if (isPresent(value)) out.container_id = value; }
  { const value = reader.string(details.image, 'image', path); if (isPresent(value)) out.container_image = value; }
}

function readLambda(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details.functionName, 'functionName', path); if (isPresent(value)) out.lambda_function_name = value; }
  { const value = reader.string(details.functionArn, 'functionArn', path); if (isPresent(value)) out.lambda_function_arn = value; }
  { const value = reader.string(details.role, 'role', path); if (isPresent(value)) out.lambda_role = value; }
}

function readRds(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details.dbInstanceIdentifier, 'dbInstanceIdentifier', path); if (isPresent(value)) out.rds_instance_id = value; }
  { const value = reader.string(details.dbInstanceArn, 'dbInstanceArn', path); if (isPresent(value)) out.rds_instance_arn = value; }
  { const value = reader.string(details.dbClusterIdentifier, 'dbClusterIdentifier', path); if (isPresent(value)) out.rds_cluster_id = value; }
  { const value = reader.string(details.engine, 'engine', path); if (isPresent(value)) out.rds_engine = value; }
}

function readRdsLimitless(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details.dbShardGroupIdentifier, 'dbShardGroupIdentifier', path); if (isPresent(value)) out.rds_shard_group_id = value; }
  { const value = reader.string(details.dbShardGroupArn, 'dbShardGroupArn', path); if (isPresent(value)) out.rds_shard_group_arn = value; }
  if (out.rds_cluster_id === undefined) { const value = reader.string(details.dbClusterIdentifier, 'dbClusterIdentifier', path); if (isPresent(value)) out.rds_cluster_id = value; }
  if (out.rds_engine === undefined) { const value = reader.string(details.engine, 'engine', path); if (isPresent(value)) out.rds_engine = value; }
}

function readRdsUser(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details.user, 'user', path); if (isPresent(value)) out.rds_user = value; }
  { const value = reader.string(details.database, 'database', path); if (isPresent(value)) out.rds_database = value; }
  { const value = reader.string(details.application, 'application', path); if (isPresent(value)) out.rds_application = value; }
  { const value = reader.string(details.authMethod, 'authMethod', path); if (isPresent(value)) out.rds_auth_method = value; }
}

function readEksCluster(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): void {
  { const value = reader.string(details.name, 'name', path); if (isPresent(value)) out.eks_cluster_name = value; }
  { const value = reader.string(details.arn, 'arn', path); if (isPresent(value)) out.eks_cluster_arn = value; }
  if (out.vpc_ids === undefined) {
    const vpcId = reader.string(details.vpcId, 'vpcId', path);
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
  const resourceType = reader.string(resource.resourceType, 'resourceType', path);
  for (const [key, read] of resourceReaders) {
    const details = reader.object(resource[key], key, path);
    if (details !== undefined) read(reader, details, `${path}.${key}`, out);
  }
  const buckets = reader.array(resource.s3BucketDetails, 's3BucketDetails', path);
  if (buckets !== undefined) readS3Buckets(reader, buckets, `${path}.s3BucketDetails`, out);
  return resourceType === undefined ? { resource: out } : { resource: out, resourceType };
}
