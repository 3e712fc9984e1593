// The connector service's persistent core: what the REST API, the scheduler and `cwc serve` import.
export { openConnectorService, type ConnectorService, type ConnectorServiceOptions } from './service.js';
export { openServiceDatabase, CONFIG_DATABASE_FILE, SCHEMA_VERSION, type ServiceDatabase } from './database.js';
export { loadMasterKeyring, loadOrCreateKeyFile, parseMasterKey, MASTER_KEY_FILE, type MasterKey, type MasterKeyring } from './master-key.js';
export { canSeeTenant, hasRole, requireRole, ROLES, type Role, type User } from './authorization.js';
export { TenantRepository, type Tenant } from './tenants.js';
export { UserRepository, ADMIN_USERNAME, SESSION_TTL_MILLISECONDS, type NewUser, type IssuedToken, type FirstStart, type ApiTokenInfo } from './users.js';
export { ConnectorRepository, GENERAL_FIELDS, type ConnectorView, type CreateResult, type LogFilterLookup, type RunnableConnector } from './connectors.js';
export { SECRET_FIELDS, type SecretField, type SecretIsSet, type ShownConfig } from './connector-secrets.js';
export {
  ProfileRepository, DEFAULT_PROFILE_NAME, PROFILE_ADVICE, type Profile, type ProfileMembershipChange, type ProfileMembershipListener,
} from './profiles.js';
