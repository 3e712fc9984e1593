// Credentials for a connector: static access keys, or STS AssumeRole into the role ARN, cached and refreshed early.
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { ConnectorConfig } from '../core/connector.js';

/** Refresh assumed-role credentials this long before they expire, so no collection runs into an expiry. */
export const REFRESH_BEFORE_EXPIRY_MILLISECONDS = 5 * 60_000;
/** How long an assumed-role session lasts: AWS's default and the cap for role chaining. */
export const ASSUMED_ROLE_DURATION_SECONDS = 3600;

/** A RoleSessionName that identifies the connector in CloudTrail: `cwc-<name>`, within STS's 2–64 `[\w+=,.@-]`. */
export function sessionNameFor(connectorName: string): string {
  const cleaned = connectorName.replace(/[^\w+=,.@-]+/g, '-').replace(/^-+|-+$/g, '');
  return `cwc-${cleaned}`.slice(0, 64);
}

/** A credential provider that caches, and can be told its credentials stopped working (AWS said ExpiredToken). */
export type RefreshableCredentials = AwsCredentialIdentityProvider & {
  invalidate(): void;
  /** Tells the SDK this provider caches by itself, so the SDK calls it per request and sees invalidations. */
  memoized: true;
};

/**
 * Wraps a provider so that concurrent callers share one refresh, and credentials with an expiration are
 * renewed `refreshBeforeMilliseconds` ahead of it — by this machine's clock, which may disagree with AWS's,
 * hence `invalidate()`.
 */
export function cachedProvider(provider: AwsCredentialIdentityProvider, now: () => number = Date.now, refreshBeforeMilliseconds = REFRESH_BEFORE_EXPIRY_MILLISECONDS): RefreshableCredentials {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (credentials: AwsCredentialIdentity) => credentials.expiration === undefined || credentials.expiration.getTime() - refreshBeforeMilliseconds > now();
  const cached = async () => {
    if (current && fresh(current)) return current;
    pending ??= provider().then(
      (credentials) => {
        current = credentials;
        pending = undefined;
        return credentials;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  return Object.assign(cached, {
    invalidate: () => {
      current = undefined;
    },
    memoized: true as const,
  });
}

export interface CredentialOptions {
  connectorName: string;
  region: string;
  endpoint?: string;
}

/** The credentials the connector's Logs client signs with. */
export function connectorCredentials(config: ConnectorConfig, options: CredentialOptions): RefreshableCredentials {
  if (config.authMethod === 'access_key') {
    return cachedProvider(async () => ({ accessKeyId: config.accessKeyId ?? '', secretAccessKey: config.secretAccessKey ?? '' }));
  }
  return cachedProvider(
    fromTemporaryCredentials({
      masterCredentials: sourceCredentials(config),
      params: {
        RoleArn: config.roleArn ?? '',
        RoleSessionName: sessionNameFor(options.connectorName),
        DurationSeconds: ASSUMED_ROLE_DURATION_SECONDS,
        ...(config.externalId === undefined ? {} : { ExternalId: config.externalId }),
      },
      clientConfig: { region: options.region, ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }) },
    }),
  );
}

/** The source account's keys of the IAM role method (the MSSP's user). */
export function sourceCredentials(config: ConnectorConfig): AwsCredentialIdentity {
  return { accessKeyId: config.sourceAccessKeyId ?? '', secretAccessKey: config.sourceSecretAccessKey ?? '' };
}
