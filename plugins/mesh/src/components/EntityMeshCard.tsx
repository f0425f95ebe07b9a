import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { attentionItems } from './attention/attentionItems';
import { AttentionList } from './attention/AttentionList';
import { clusterStateInWords } from './stateInWords';
import { useEntityMeshStatus } from './useEntityMeshStatus';

/** The Mesh card for the overview tab: per cluster, what needs attention first (the three most urgent), then its state in a line. */
export function EntityMeshCard() {
  const { entity, value: status, loading, error } = useEntityMeshStatus();
  const entityRef = stringifyEntityRef(entity);
  return (
    <InfoCard title="Mesh" deepLink={{ link: 'mesh', title: 'Open the Mesh tab' }}>
      {loading && !status && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {status && status.clusters.length === 0 && <Typography variant="body2">No mesh data for this entity.</Typography>}
      {status?.clusters.map(cluster => (
        <Box key={cluster.cluster} mb={2} aria-label={`cluster ${cluster.cluster}`}>
          <Typography variant="subtitle2">{cluster.cluster}</Typography>
          <AttentionList items={attentionItems(cluster, entityRef)} limit={3} dense />
          <Typography variant="body2" color="textSecondary">
            {clusterStateInWords(cluster)}
          </Typography>
        </Box>
      ))}
    </InfoCard>
  );
}
