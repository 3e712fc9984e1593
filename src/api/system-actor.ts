// The actor of start-up seeding (config file, demo): a root administrator that is no stored user and cannot sign in.
import type { User } from '../connectors/service/index.js';

export const SYSTEM_ACTOR: User = { id: 'system', username: 'system', role: 'root_admin', tenant: undefined, createdAt: new Date(0).toISOString() };
