import { TaskState } from '@meshport/plugin-mesh-node';

/**
 * Runs a step's work and removes the task's GitOps state when it fails: a failed task fetched a
 * repository nobody will push, and it must not wait for the sweep to give the disk back.
 */
export async function removingStateOnFailure<T>(state: TaskState, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await state.remove();
    throw error;
  }
}
