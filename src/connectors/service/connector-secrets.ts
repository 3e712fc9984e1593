// The three forms of a connector: validated (secrets in clear, memory only), stored (secrets sealed) and shown (secrets as { set: true }).
import type { Connector, ConnectorConfig } from '../../core/connector.js';
import type { MasterKeyring } from './master-key.js';
import { openSecret, sealSecret, type SealedSecret } from './secret-box.js';

/** The fields that are encrypted at rest and write-only in the API. Access key ids are identifiers, not secrets (decision 0021). */
export const SECRET_FIELDS = ['secretAccessKey', 'sourceSecretAccessKey'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

/** What a response says about a secret: that it is set, never its value. */
export interface SecretIsSet { set: true }

export type ShownConfig = Omit<ConnectorConfig, SecretField> & Partial<Record<SecretField, SecretIsSet>>;

export type StoredSecrets = Partial<Record<SecretField, SealedSecret>>;

/** The sealing context binds a blob to one connector and one field. */
export const secretContext = (connectorId: string, field: SecretField): string => `connector:${connectorId}:${field}`;

export function isSecretField(key: string): key is SecretField {
  return (SECRET_FIELDS as readonly string[]).includes(key);
}

/** Splits a validated connector into the body to store (no secrets) and its sealed secrets. */
export function sealConnector(keyring: MasterKeyring, connectorId: string, connector: Connector): { body: Connector; secrets: StoredSecrets } {
  const body = structuredClone(connector);
  const secrets: StoredSecrets = {};
  for (const field of SECRET_FIELDS) {
    const value = body.config[field];
    if (value === undefined) continue;
    secrets[field] = sealSecret(keyring.current, value, secretContext(connectorId, field));
    delete body.config[field];
  }
  return { body, secrets };
}

export function unsealConnector(keyring: MasterKeyring, connectorId: string, body: Connector, secrets: StoredSecrets): Connector {
  const connector = structuredClone(body);
  for (const field of SECRET_FIELDS) {
    const sealed = secrets[field];
    if (sealed !== undefined) connector.config[field] = openSecret(keyring, sealed, secretContext(connectorId, field));
  }
  return connector;
}

/** The shown config: the stored body plus a marker for each secret that is set. */
export function showConfig(body: Connector, secrets: StoredSecrets): ShownConfig {
  const shown: Record<string, unknown> = { ...body.config };
  for (const field of SECRET_FIELDS) {
    delete shown[field];
    if (secrets[field] !== undefined) shown[field] = { set: true } satisfies SecretIsSet;
  }
  return shown as ShownConfig;
}
