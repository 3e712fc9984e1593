// Opens the connector service's persistent core: config DB, master key check, default profile, first administrator.
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { systemClock, type Clock } from '../../core/clock.js';
import { ConnectorRepository, type LogFilterLookup } from './connectors.js';
import { openServiceDatabase, readMeta, writeMeta, type ServiceDatabase } from './database.js';
import { loadMasterKeyring, MASTER_KEY_FILE, masterKeyFromBytes, type MasterKeyring } from './master-key.js';
import { DEFAULT_SCRYPT, type ScryptParameters } from './passwords.js';
import { ProfileRepository } from './profiles.js';
import { sealKeyCheck, verifyKeyCheck, type SealedSecret } from './secret-box.js';
import { TenantRepository } from './tenants.js';
import { UserRepository, type FirstStart } from './users.js';

export interface ConnectorServiceOptions {
  /** The config database file (`<dataDir>/cwc-config.db`), or `:memory:`. */
  file: string;
  /** Environment for CWC_MASTER_KEY, CWC_MASTER_KEY_PREVIOUS and CWC_ADMIN_PASSWORD; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Used when CWC_MASTER_KEY is not set; default `cwc-master.key` beside the database file. */
  keyFile?: string;
  /** A ready keyring instead of env/key file (tests, embedding). */
  keyring?: MasterKeyring;
  clock?: Clock;
  /** Whether a log filter exists for a tenant; the log filter module provides it. */
  logFilterExists?: LogFilterLookup;
  scrypt?: ScryptParameters;
}

export interface ConnectorService {
  db: ServiceDatabase;
  keyring: MasterKeyring;
  tenants: TenantRepository;
  users: UserRepository;
  connectors: ConnectorRepository;
  profiles: ProfileRepository;
  /** What the first start did: `generatedPassword` is set once, for `cwc serve` to print, and is stored nowhere. */
  firstStart: FirstStart;
  close(): void;
}

const KEY_CHECK = 'master_key_check';

/** A memory database without a configured key gets a throwaway key: writing a key file into the working directory would outlive it. */
function keyringFor(file: string, env: NodeJS.ProcessEnv, keyFile: string | undefined): MasterKeyring {
  if (file === ':memory:' && keyFile === undefined && (env.CWC_MASTER_KEY ?? '') === '') return { current: masterKeyFromBytes(randomBytes(32)), previous: [] };
  return loadMasterKeyring({ env, keyFile: keyFile ?? join(dirname(file), MASTER_KEY_FILE) });
}

/**
 * Opens the config database and everything on it. Fails with a clear `master_key_mismatch` when the configured
 * master key is not the one the stored secrets were sealed with, before any connector is read.
 */
export async function openConnectorService(options: ConnectorServiceOptions): Promise<ConnectorService> {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const keyring = options.keyring ?? keyringFor(options.file, env, options.keyFile);
  const db = openServiceDatabase(options.file);
  try {
    const check = readMeta(db, KEY_CHECK);
    if (check === undefined) writeMeta(db, KEY_CHECK, JSON.stringify(sealKeyCheck(keyring.current)));
    else {
      const sealed = JSON.parse(check) as SealedSecret;
      verifyKeyCheck(keyring, sealed);
      // The current key opens new secrets from now on; rotateSecrets() moves the old ones over.
      if (sealed.kid !== keyring.current.id) writeMeta(db, KEY_CHECK, JSON.stringify(sealKeyCheck(keyring.current)));
    }
    const profiles = new ProfileRepository(db, clock);
    profiles.ensureDefaultProfile();
    const tenants = new TenantRepository(db, clock);
    const users = new UserRepository(db, clock, options.scrypt ?? DEFAULT_SCRYPT);
    const connectors = new ConnectorRepository(db, keyring, profiles, clock, options.logFilterExists);
    const firstStart = await users.ensureAdmin(env);
    return { db, keyring, tenants, users, connectors, profiles, firstStart, close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}
