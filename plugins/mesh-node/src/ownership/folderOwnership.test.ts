import { decideFolderOwnership, decideNamespaceOwnership, recordedEntityOf } from './folderOwnership';

const FOLDER = 'mesh/victims/victim-svc';
const victim = { entityRef: 'component:default/victim-svc', owners: ['group:default/victim-team'] };
const claim = { entityRef: 'component:default/claim-svc', owners: ['user:development/guest'] };

describe('decideFolderOwnership', () => {
  it('refuses an entity the record does not name, naming the recorded owner', () => {
    const decision = decideFolderOwnership({ ...claim, folder: FOLDER, recorded: [victim.entityRef], claimants: [] });
    expect(decision).toEqual({ owned: false, reason: expect.stringContaining(`${FOLDER} belongs to component:default/victim-svc`) });
  });

  it('refuses a claim on an unrecorded folder that another team’s entity names, naming both', () => {
    const decision = decideFolderOwnership({ ...claim, folder: FOLDER, recorded: [], claimants: [victim, claim] });
    expect(decision.owned).toBe(false);
    expect(!decision.owned && decision.reason).toMatch(/component:default\/claim-svc.*component:default\/victim-svc/);
  });

  it('lets the recorded owner through even when another team registers a rival entity', () => {
    const decision = decideFolderOwnership({ ...victim, folder: FOLDER, recorded: [victim.entityRef], claimants: [victim, claim] });
    expect(decision).toEqual({ owned: true, notes: [expect.stringContaining('component:default/claim-svc')] });
  });

  it('lets two entities of one team share an unrecorded folder, and the first change records one', () => {
    const sibling = { entityRef: 'component:default/victim-alias', owners: victim.owners };
    expect(decideFolderOwnership({ ...victim, folder: FOLDER, recorded: [], claimants: [victim, sibling] })).toEqual({ owned: true, notes: [] });
    expect(decideFolderOwnership({ ...sibling, folder: FOLDER, recorded: [victim.entityRef], claimants: [victim, sibling] }).owned).toBe(false);
  });
});

describe('decideNamespaceOwnership', () => {
  const base = { namespace: 'victims', requester: 'user:development/guest' };

  it('refuses a requester who does not own every entity of the namespace', () => {
    const decision = decideNamespaceOwnership({ ...base, ownership: ['user:development/guest'], claimants: [claim, victim] });
    expect(!decision.owned && decision.reason).toMatch(/does not own component:default\/victim-svc \(owned by group:default\/victim-team\)/);
  });

  it('lets the owners of every entity of the namespace through', () => {
    expect(decideNamespaceOwnership({ ...base, ownership: ['user:default/victor', 'group:default/victim-team'], claimants: [victim] }).owned).toBe(true);
  });

  it('follows the configured namespace owners where they are named, whatever the catalog says', () => {
    const configuredOwners = ['group:default/platform'];
    expect(decideNamespaceOwnership({ ...base, ownership: ['group:default/platform'], claimants: [victim], configuredOwners }).owned).toBe(true);
    expect(decideNamespaceOwnership({ ...base, ownership: victim.owners, claimants: [victim], configuredOwners }).owned).toBe(false);
  });
});

describe('recordedEntityOf', () => {
  it('reads the entity of a record, and names nobody for an old record or none', () => {
    expect(recordedEntityOf('entity: component:default/victim-svc\nfiles: {}\n')).toBe('component:default/victim-svc');
    expect(recordedEntityOf('files: {}\n')).toBeUndefined();
    expect(recordedEntityOf(undefined)).toBeUndefined();
    expect(recordedEntityOf('[')).toBeUndefined();
  });
});
