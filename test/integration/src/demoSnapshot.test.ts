import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findRepoRoot, writeDemoSnapshot } from '@meshport/test-harness';

describe('the demo cluster snapshot', () => {
  it('is what the demo cluster generator writes (run test/harness/scripts/write-demo-snapshot.js after changing it)', () => {
    const committed = path.join(findRepoRoot(), 'catalog', 'cluster-snapshot');
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-snapshot-'));
    try {
      const files = writeDemoSnapshot(fresh).sort();
      expect(fs.readdirSync(committed).sort()).toEqual(files);
      for (const file of files) {
        expect({ file, content: fs.readFileSync(path.join(committed, file), 'utf8') }).toEqual({
          file,
          content: fs.readFileSync(path.join(fresh, file), 'utf8'),
        });
      }
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });
});
