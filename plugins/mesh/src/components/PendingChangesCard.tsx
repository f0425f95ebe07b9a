import { InfoCard, Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { PendingChangesStatus } from '@meshport/plugin-mesh-common';

/** Open onboarding changes the mesh templates proposed for this entity. */
export function PendingChangesCard({ pending }: { pending: PendingChangesStatus }) {
  return (
    <InfoCard title="Open mesh changes">
      {pending.error && <Typography color="error">{pending.error}</Typography>}
      {!pending.error && pending.items.length === 0 && <Typography variant="body2">No open change.</Typography>}
      <ul>
        {pending.items.map(item => (
          <li key={item.url}>
            <Link to={item.url}>
              {item.number ? `#${item.number} ` : ''}
              {item.title ?? item.branch}
            </Link>
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}
