import { InfoCard, Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { PendingChange, PendingChangesStatus } from '@meshport/plugin-mesh-common';

/** A change on a plain Git repository on this machine ("file:///srv/gitops.git#meshport/payments/payment-service"): its folder and branch. */
export function localChange(url: string): { repository: string; branch: string } | undefined {
  if (!url.startsWith('file://')) return undefined;
  const [location, branch] = url.split('#');
  const path = location.slice('file://'.length);
  let repository = path;
  try {
    repository = decodeURIComponent(path);
  } catch {
    // A malformed escape (a stray %): the path as the status gave it.
  }
  return { repository, branch: branch ?? '' };
}

/** A change request: a link where the Git host has a page for it, else the command that shows its branch. */
function ChangeItem({ item }: { item: PendingChange }) {
  const local = localChange(item.url);
  const name = `${item.number ? `#${item.number} ` : ''}${item.title ?? item.branch}`;
  if (!local) return <Link to={item.url}>{name}</Link>;
  return (
    <>
      {name}: branch <code>{local.branch || item.branch}</code> of the Git repository on the portal's machine; see it with{' '}
      <code>
        git -C {local.repository} log -p HEAD..{local.branch || item.branch}
      </code>
    </>
  );
}

/** Open changes the mesh templates proposed for this entity. */
export function PendingChangesCard({ pending }: { pending: PendingChangesStatus }) {
  return (
    <InfoCard title="Open mesh changes">
      {pending.error && <Typography color="error">{pending.error}</Typography>}
      {!pending.error && pending.items.length === 0 && <Typography variant="body2">No open change.</Typography>}
      <ul aria-label="open mesh changes">
        {pending.items.map(item => (
          <li key={item.url}>
            <ChangeItem item={item} />
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}
