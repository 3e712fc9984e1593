import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileRepository, type ProfileMembershipChange } from './profiles.js';
import { accessKeyConnector, tenantUser, testService, type TestService } from './test-helpers.js';

let service: TestService;
let changes: ProfileMembershipChange[];
beforeEach(async () => {
  service = await testService();
  service.tenants.create(service.root, 'acme');
  service.tenants.create(service.root, 'globex');
  changes = [];
  service.profiles.onProfileMembershipChanged((change) => changes.push(change));
});
afterEach(() => service.close());

const defaultProfile = () => service.profiles.list(service.root).find((profile) => profile.isDefault)!;

describe('Data Analyzer profiles', () => {
  it('has a default profile from the first start, kept across ensureDefaultProfile calls', () => {
    expect(service.profiles.list(service.root).map((p) => [p.name, p.isDefault])).toEqual([['default', true]]);
    expect(service.profiles.ensureDefaultProfile().id).toBe(defaultProfile().id);
  });

  it('a data-processor connector created with addToDefaultProfile pulls, and its first join says pull immediately', () => {
    const { connector, profile } = service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: true });
    expect(profile).toEqual({ added: true });
    expect(connector.pulling).toBe(true);
    expect(connector.profileIds).toEqual([defaultProfile().id]);
    expect(changes).toEqual([{ connectorId: connector.id, profileId: defaultProfile().id, change: 'joined', pulling: true, pullImmediately: true }]);
    expect(service.connectors.listPulling().map((c) => c.id)).toEqual([connector.id]);
  });

  it('left out of the default profile, it does not pull until added; only the first ever join pulls immediately', () => {
    const { connector, profile } = service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: false });
    expect(profile.added).toBe(false);
    expect(profile.advice).toMatch(/must be added to a Data Analyzer profile/);
    expect(connector.pulling).toBe(false);
    expect(service.connectors.listPulling()).toEqual([]);
    expect(changes).toEqual([]);

    const other = service.profiles.create(service.root, 'soc-east');
    service.profiles.addConnector(service.root, other.id, connector.id);
    service.profiles.addConnector(service.root, other.id, connector.id); // already a member: no event
    service.profiles.addConnector(service.root, defaultProfile().id, connector.id);
    service.profiles.removeConnector(service.root, other.id, connector.id);
    service.profiles.removeConnector(service.root, defaultProfile().id, connector.id);
    service.profiles.addConnector(service.root, other.id, connector.id);
    expect(changes.map((c) => [c.change, c.profileId === other.id ? 'soc-east' : 'default', c.pulling, c.pullImmediately])).toEqual([
      ['joined', 'soc-east', true, true],
      ['joined', 'default', true, false],
      ['left', 'soc-east', true, false],
      ['left', 'default', false, false],
      ['joined', 'soc-east', true, false],
    ]);
    expect(service.profiles.get(service.root, other.id).connectorIds).toEqual([connector.id]);
  });

  it('profile changes need root_admin: a tenant admin gets 403 with the advice, and its addToDefaultProfile is not honoured', async () => {
    const admin = await tenantUser(service, 'acme', 'tenant_admin');
    const { connector, profile } = service.connectors.create(admin, accessKeyConnector(), { addToDefaultProfile: true });
    expect(profile.added).toBe(false);
    expect(profile.advice).toMatch(/ask your administrator to add it for you/);
    expect(connector.pulling).toBe(false);
    expect(() => service.profiles.addConnector(admin, defaultProfile().id, connector.id)).toThrow(/ask your administrator to add it for you/);
    try {
      service.profiles.addConnector(admin, defaultProfile().id, connector.id);
    } catch (error) {
      expect((error as { status: number }).status).toBe(403);
    }
    expect(() => service.profiles.create(admin, 'mine')).toThrow(/root_admin/);
    expect(changes).toEqual([]);
  });

  it("tenant users see profiles without other tenants' members", async () => {
    const acme = service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: true }).connector;
    service.connectors.create(service.root, accessKeyConnector({ tenant: 'globex' }), { addToDefaultProfile: true });
    const analyst = await tenantUser(service, 'acme', 'tenant_analyst');
    expect(service.profiles.list(analyst)[0]!.connectorIds).toEqual([acme.id]);
    expect(defaultProfile().connectorIds).toHaveLength(2);
  });

  it('a sensor-run connector is in its one implicit profile from creation and cannot join a Data Analyzer profile', () => {
    const { connector, profile } = service.connectors.create(service.root, accessKeyConnector({ runOn: 'sensor:edge-1' }), { addToDefaultProfile: true });
    expect(profile).toEqual({ added: true });
    expect(connector.pulling).toBe(true);
    expect(connector.profileIds).toEqual(['sensor:edge-1']);
    expect(changes).toEqual([{ connectorId: connector.id, profileId: 'sensor:edge-1', change: 'joined', pulling: true, pullImmediately: true }]);
    expect(() => service.profiles.addConnector(service.root, defaultProfile().id, connector.id)).toThrow(/implicit profile/);
    expect(defaultProfile().connectorIds).toEqual([]);
  });

  it('deleting a connector or a profile tells the scheduler it stopped pulling; the default profile stays', () => {
    const first = service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: true }).connector;
    const second = service.connectors.create(service.root, accessKeyConnector({ name: 'waf' }), { addToDefaultProfile: false }).connector;
    const extra = service.profiles.create(service.root, 'extra');
    service.profiles.addConnector(service.root, extra.id, second.id);
    changes.length = 0;
    service.connectors.delete(service.root, first.id);
    service.profiles.delete(service.root, extra.id);
    expect(changes.map((c) => [c.connectorId, c.change, c.pulling])).toEqual([
      [first.id, 'left', false],
      [second.id, 'left', false],
    ]);
    expect(() => service.profiles.delete(service.root, defaultProfile().id)).toThrow(/cannot be deleted/);
  });

  it('a failing listener neither undoes the change nor silences the other listeners', () => {
    const errors: unknown[] = [];
    const failing = new ProfileRepository(service.db, () => 0, (error) => errors.push(error));
    const heard: string[] = [];
    failing.onProfileMembershipChanged(() => {
      throw new Error('scheduler hiccup');
    });
    const unsubscribe = failing.onProfileMembershipChanged((change) => heard.push(change.connectorId));
    const { connector } = service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: false });
    failing.addConnector(service.root, failing.defaultProfileId(), connector.id);
    expect(heard).toEqual([connector.id]);
    expect(errors).toHaveLength(1);
    expect(failing.isPulling(connector.id)).toBe(true);
    unsubscribe();
  });
});
