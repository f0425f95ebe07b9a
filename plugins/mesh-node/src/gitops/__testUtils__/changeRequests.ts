import { pushNewBranch } from '@meshport/test-harness';
import { ChangeRequestDetails, GitOpsProvider } from '../changeRequests';

/** A change request for payment-service's folder, with the labels and reviewers a test gives. */
export function paymentServiceChange(extras: Pick<ChangeRequestDetails, 'labels' | 'reviewers'>): ChangeRequestDetails {
  return { branch: 'meshport/payments', baseBranch: 'main', title: 'Onboard payment-service', body: 'Rendered by Meshport', ...extras };
}

/** Pushes a change branch off main holding a rendered folder, as the checkout and pull-request actions do. */
export function pushChangeBranch(repository: string, branch: string): string {
  return pushNewBranch(repository, branch, { 'payments/kustomization.yaml': `# ${branch}\n` });
}

/**
 * What every provider does with a change: no request before one is opened, one opened (at `url`), the
 * same one found again, and updated in place under a new title. `opened` checks what the host keeps.
 */
export async function expectChangeRequestLifecycle(
  provider: GitOpsProvider,
  details: ChangeRequestDetails,
  expected: { url: (number: number) => string; opened: () => void; retitled: (title: string) => void },
): Promise<void> {
  expect(await provider.findOpen(details.branch, details.baseBranch)).toBeUndefined();
  const opened = await provider.upsert(details, undefined);
  expect(opened).toEqual({ url: expected.url(opened.number!), number: opened.number, warnings: [] });
  expected.opened();
  const found = await provider.findOpen(details.branch, details.baseBranch);
  expect(found).toEqual({ url: opened.url, number: opened.number });
  const title = `${details.title} (v2)`;
  const updated = await provider.upsert({ ...details, title }, found);
  expect(updated.number).toBe(opened.number);
  expected.retitled(title);
}

/** The remote a provider pushes to carries no credentials; they go apart, and reach the repository. */
export async function expectRemote(provider: GitOpsProvider, remoteUrl: string, credentials: { username: string; password: string }): Promise<void> {
  expect({ remoteUrl: provider.remoteUrl, credentials: provider.credentials }).toEqual({ remoteUrl, credentials });
  await expect(provider.defaultBranch()).resolves.toBe('main');
}
