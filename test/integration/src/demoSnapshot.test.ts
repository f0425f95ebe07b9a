import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { demoClusterLists, demoIstiodSyncz, findRepoRoot } from '@meshport/test-harness';

describe('the demo cluster snapshot', () => {
  it('is what the demo cluster generator writes (run test/harness/scripts/write-demo-snapshot.js after changing it)', () => {
    const directory = path.join(findRepoRoot(), 'catalog', 'cluster-snapshot');
    const expected = demoClusterLists();
    expect(fs.readdirSync(directory).sort()).toEqual([...Object.keys(expected), 'istiod-syncz.json'].sort());
    for (const [file, list] of Object.entries(expected)) {
      expect({ file, content: parse(fs.readFileSync(path.join(directory, file), 'utf8')) }).toEqual({ file, content: JSON.parse(JSON.stringify(list)) });
    }
    expect(JSON.parse(fs.readFileSync(path.join(directory, 'istiod-syncz.json'), 'utf8'))).toEqual(demoIstiodSyncz());
  });
});
