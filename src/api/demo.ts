// The demo of `cwc serve --demo`: a demo tenant and the example demo connectors, pointed at the in-process emulator.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { ConnectorService } from '../connectors/service/index.js';
import { initialCursor, isUnitCursor } from '../sources/cloudwatch/cursor.js';
import type { InterflowStore } from '../store/store.js';
import { SYSTEM_ACTOR } from './system-actor.js';

/** The repository's examples folder, the same relative place from src/api and dist/api. */
export const EXAMPLES_DIRECTORY = fileURLToPath(new URL('../../examples/', import.meta.url));

export interface DemoResult {
  tenant: string;
  connectorIds: string[];
}

/**
 * Creates the demo tenant and each `examples/demo-*.json` connector in the default profile, or on a later start points the
 * existing ones at this start's emulator (its port changes every time). Returns the connector ids.
 */
export function seedDemo(service: ConnectorService, endpoint: string, examplesDirectory = EXAMPLES_DIRECTORY): DemoResult {
  const files = readdirSync(examplesDirectory).filter((file) => /^demo-.*\.json$/.test(file)).sort();
  const connectorIds: string[] = [];
  let tenant = 'demo';
  for (const file of files) {
    const connector = JSON.parse(readFileSync(join(examplesDirectory, file), 'utf8')) as { name: string; tenant: string; config: Record<string, unknown> };
    tenant = connector.tenant;
    if (service.tenants.byName(tenant) === undefined) service.tenants.createUnchecked(tenant);
    const existing = service.connectors.list(SYSTEM_ACTOR, { tenant }).find((view) => view.name === connector.name);
    if (existing === undefined) {
      const created = service.connectors.create(SYSTEM_ACTOR, { ...connector, config: { ...connector.config, endpoint } }, { addToDefaultProfile: true });
      connectorIds.push(created.connector.id);
    } else {
      service.connectors.update(SYSTEM_ACTOR, existing.id, { config: { endpoint } });
      if (existing.profileIds.length === 0) service.profiles.addConnector(SYSTEM_ACTOR, service.profiles.defaultProfileId(), existing.id);
      connectorIds.push(existing.id);
    }
  }
  return { tenant, connectorIds };
}

/**
 * Each `--demo` start runs a new emulator that regenerates the same scenario (same seed, so the same events for the
 * same seconds) from 15 minutes back, under new event ids. Resuming the previous start's checkpoints as they are
 * would re-read part of what is stored (its deep pass goes back to the final frontier, its live pass a lag window),
 * and those events would be stored again under their new ids. So before the scheduler starts, each demo checkpoint
 * moves to where the previous start had read (its live frontier): nothing stored is read again, everything after it
 * is read from the new emulator. Returns how many checkpoints moved.
 */
export async function resumeDemoCheckpoints(store: InterflowStore, connectorIds: readonly string[]): Promise<number> {
  let moved = 0;
  for (const id of connectorIds) {
    for (const checkpoint of await store.listCheckpoints(`cloudwatch/${id}/`)) {
      if (!isUnitCursor(checkpoint.value)) continue;
      const readUntil = Math.max(checkpoint.value.finalUntil, checkpoint.value.liveUntil);
      await store.write([], { key: checkpoint.key, value: initialCursor(readUntil) });
      moved += 1;
    }
  }
  return moved;
}

/** What `cwc serve --demo` does before its scheduler starts: the demo tenant and connectors, then their checkpoints. */
export async function startDemo(service: ConnectorService, store: InterflowStore, endpoint: string): Promise<DemoResult> {
  const seeded = seedDemo(service, endpoint);
  await resumeDemoCheckpoints(store, seeded.connectorIds);
  return seeded;
}
