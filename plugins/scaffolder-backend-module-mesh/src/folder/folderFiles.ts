import { removeFileSafely, writeFileSafely } from '@meshport/plugin-mesh-node';
import { FolderPlan } from './folderPlan';

/**
 * Mirrors a plan into the workspace's copy of the repository, so that later steps (and the stock
 * publishers) see the rendered folder. Every write refuses links; what is committed comes from
 * Meshport's own state, not from these files.
 */
export async function mirrorPlan(workingCopy: string, folder: string, plan: FolderPlan): Promise<void> {
  for (const file of plan.writes) await writeFileSafely(workingCopy, `${folder}/${file.path}`, file.content);
  for (const file of plan.removes) await removeFileSafely(workingCopy, `${folder}/${file}`);
}
