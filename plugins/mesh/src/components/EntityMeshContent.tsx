import { EmptyState, InfoCard, LinkButton, MissingAnnotationEmptyState, Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { stringifyEntityRef } from '@backstage/catalog-model';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { EntityMeshStatus, KUBERNETES_ID_ANNOTATION } from '@meshport/plugin-mesh-common';
import { ClusterMeshView } from './ClusterMeshView';
import { onboardingLink, useTemplateHref } from './templateLinks';
import { PendingChangesCard } from './PendingChangesCard';
import { attentionItems } from './attention/attentionItems';
import { AttentionList } from './attention/AttentionList';
import { TimeRangeProvider } from './charts/timeRange';
import { clusterStateInWords } from './stateInWords';
import { useEntityMeshStatus } from './useEntityMeshStatus';
import { useStoredPolicy } from './useStoredPolicy';

/** True when no cluster that answered has an injected or ambient pod: the service is not on the mesh yet. */
export function isNotOnboarded(status: EntityMeshStatus): boolean {
  const answering = status.clusters.filter(c => !c.error);
  return answering.length > 0 && answering.every(c => c.workloads.injectedPods + c.workloads.ambientPods === 0);
}

/** The Mesh tab: per cluster injection, security, traffic, health, overhead and findings; open changes. */
export function EntityMeshContent() {
  const { entity, value: status, loading, error, retry } = useEntityMeshStatus();
  const templateHref = useTemplateHref();
  // What Git holds, asked once for the whole tab, and only when a cluster runs a canary (the Traffic cards compare the two).
  const stored = useStoredPolicy(status?.clusters.some(cluster => cluster.traffic.canary) ? stringifyEntityRef(entity) : undefined);
  if (loading && !status) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} title="The mesh status could not be loaded" defaultExpanded={false} />;
  if (!status) return null;
  if (!status.target) return <MissingAnnotationEmptyState annotation={KUBERNETES_ID_ANNOTATION} />;
  if (status.clusters.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No cluster is configured"
        description="Add clusters under kubernetes.clusterLocatorMethods in the portal's configuration."
      />
    );
  }
  const onboardHref = templateHref(onboardingLink(entity));
  const onboardButton = onboardHref && (
    <LinkButton to={onboardHref} color="primary" variant="contained">
      Onboard {entity.metadata.name}
    </LinkButton>
  );
  const entityRef = stringifyEntityRef(entity);
  return (
    <TimeRangeProvider>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title="Needs attention" subheader={isNotOnboarded(status) ? `${entity.metadata.name} is not on the mesh yet` : undefined}>
            {status.clusters.map(cluster => (
              <Box key={cluster.cluster} mb={1} aria-label={`attention in cluster ${cluster.cluster}`}>
                {status.clusters.length > 1 && <Typography variant="subtitle2">In cluster {cluster.cluster}:</Typography>}
                <AttentionList items={attentionItems(cluster, entityRef)} />
                <Typography variant="body2" color="textSecondary">
                  {clusterStateInWords(cluster)}
                </Typography>
              </Box>
            ))}
            {isNotOnboarded(status) && onboardButton}
          </InfoCard>
        </Grid>
        {status.clusters.map(cluster => (
          <Grid item xs={12} key={cluster.cluster}>
            <Typography variant="h5" gutterBottom>
              Cluster {cluster.cluster}
            </Typography>
            <ClusterMeshView status={cluster} entityRef={entityRef} entityName={entity.metadata.title ?? entity.metadata.name} stored={stored} />
          </Grid>
        ))}
        <Grid item xs={12}>
          <PendingChangesCard pending={status.pendingChanges} />
        </Grid>
        <Grid item xs={12}>
          <Typography variant="caption">
            Status of {new Date(status.generatedAt).toLocaleTimeString()}.{' '}
            <a
              href="#refresh"
              onClick={event => {
                event.preventDefault();
                retry();
              }}
            >
              Refresh
            </a>
          </Typography>
        </Grid>
      </Grid>
    </TimeRangeProvider>
  );
}
