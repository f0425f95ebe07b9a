import { EmptyState, LinkButton, MissingAnnotationEmptyState, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { EntityMeshStatus, KUBERNETES_ID_ANNOTATION } from '@meshport/plugin-mesh-common';
import { ClusterMeshView } from './ClusterMeshView';
import { onboardingLink, useTemplateHref } from './templateLinks';
import { PendingChangesCard } from './PendingChangesCard';
import { useEntityMeshStatus } from './useEntityMeshStatus';

/** True when no cluster that answered has an injected or ambient pod: the service is not on the mesh yet. */
export function isNotOnboarded(status: EntityMeshStatus): boolean {
  const answering = status.clusters.filter(c => !c.error);
  return answering.length > 0 && answering.every(c => c.workloads.injectedPods + c.workloads.ambientPods === 0);
}

/** The Mesh tab: per cluster injection, security, traffic, health, overhead and findings; open changes. */
export function EntityMeshContent() {
  const { entity, value: status, loading, error, retry } = useEntityMeshStatus();
  const templateHref = useTemplateHref();
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
  return (
    <Grid container spacing={3}>
      {isNotOnboarded(status) && (
        <Grid item xs={12}>
          <EmptyState
            missing="content"
            title={`${entity.metadata.name} is not on the mesh yet`}
            description="None of its pods has an Istio proxy. The onboarding template proposes the manifests in a pull request to your GitOps repository."
            action={onboardButton || undefined}
          />
        </Grid>
      )}
      {status.clusters.map(cluster => (
        <Grid item xs={12} key={cluster.cluster}>
          <Typography variant="h5" gutterBottom>
            Cluster {cluster.cluster}
          </Typography>
          <ClusterMeshView status={cluster} entityRef={stringifyEntityRef(entity)} />
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
  );
}
