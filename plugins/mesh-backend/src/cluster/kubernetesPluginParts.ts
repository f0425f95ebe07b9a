import { KubeConfig } from '@kubernetes/client-node';
import { AuthService, LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import { DispatchStrategy } from '@backstage/plugin-kubernetes-backend';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { AuthenticationStrategy, KubernetesClustersSupplier } from '@backstage/plugin-kubernetes-node';
import { ConfigReader } from '@backstage/config';
import { CatalogClusterRules, gatedCatalogClusters } from './catalogClusterGate';

/**
 * Backstage's Kubernetes plugin builds its default clusters and credentials with two functions it does not
 * export: `buildDefaultAuthStrategyMap` (one strategy per `authProvider`) and `getCombinedClusterSupplier`
 * (the `config`, `catalog`, `gke` and `localKubectlProxy` locators of `kubernetes.clusterLocatorMethods`).
 * Meshport calls those very functions from the installed package (pinned to one Backstage release by
 * `yarn check:backstage-versions`), so it reads the same clusters as the Kubernetes plugin without a copy of
 * its locators; a release that moves them fails here, at start-up, with the path it looked for.
 */
const PACKAGE = '@backstage/plugin-kubernetes-backend';

function kubernetesPluginPart<T>(file: string, name: string): T {
  const location = `${PACKAGE}/dist/${file}`;
  let part: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    part = require(location)[name];
  } catch (error) {
    throw new Error(`${location} could not be loaded (${(error as Error).message}); is ${PACKAGE} installed at the release of the other @backstage packages?`);
  }
  if (typeof part !== 'function') throw new Error(`${location} no longer exports ${name}; Meshport needs ${PACKAGE} at the release it was built with`);
  return part as T;
}

type BuildDefaultAuthStrategyMap = (options: { logger: LoggerService; config: RootConfigService }) => Map<string, AuthenticationStrategy>;
type GetCombinedClusterSupplier = (
  rootConfig: RootConfigService,
  catalog: CatalogService,
  authStrategy: AuthenticationStrategy,
  logger: LoggerService,
  refreshInterval: undefined,
  auth: AuthService,
) => KubernetesClustersSupplier;

/** The Kubernetes plugin's strategies by `authProvider` (aks, aws, azure, google, googleServiceAccount, localKubectlProxy, oidc, serviceAccount). */
export function kubernetesPluginAuthStrategies(config: RootConfigService, logger: LoggerService): Map<string, AuthenticationStrategy> {
  const strategies = kubernetesPluginPart<BuildDefaultAuthStrategyMap>(
    'auth/buildDefaultAuthStrategyMap.cjs.js',
    'buildDefaultAuthStrategyMap',
  )({ logger, config });
  // The serviceAccount strategy loads client-node with a dynamic import() (for the pod's own token), which
  // Jest's CommonJS runtime cannot run; it takes the module from this field instead, the same module either way.
  const serviceAccount = strategies.get('serviceAccount');
  if (serviceAccount) Object.assign(serviceAccount, { injectedKubernetesClient: { KubeConfig } });
  return strategies;
}

/** One strategy that hands each cluster to the strategy of its `authProvider`, as the Kubernetes plugin does. */
export function dispatchingStrategy(strategies: Map<string, AuthenticationStrategy>): AuthenticationStrategy {
  return new DispatchStrategy({ authStrategyMap: Object.fromEntries(strategies) });
}

/**
 * The clusters of `kubernetes.clusterLocatorMethods`, found by the Kubernetes plugin's own locators; those of
 * the `catalog` locator (anyone may register one) only as `rules` allow (see catalogClusterGate.ts).
 */
export function kubernetesPluginClusterSupplier(options: {
  config: RootConfigService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  authStrategy: AuthenticationStrategy;
  rules: CatalogClusterRules;
}): KubernetesClustersSupplier {
  const getCombinedClusterSupplier = kubernetesPluginPart<GetCombinedClusterSupplier>('cluster-locator/index.cjs.js', 'getCombinedClusterSupplier');
  const methods = options.config.getConfigArray('kubernetes.clusterLocatorMethods');
  const continueOnError = options.config.getOptionalBoolean('kubernetes.clusterLocatorContinueOnError') ?? false;
  const locatorsOf = (fromCatalog: boolean) => {
    const chosen = methods.filter(method => (method.getString('type') === 'catalog') === fromCatalog).map(method => method.get());
    const config = new ConfigReader({ kubernetes: { clusterLocatorMethods: chosen, clusterLocatorContinueOnError: continueOnError } });
    return getCombinedClusterSupplier(config, options.catalog, options.authStrategy, options.logger, undefined, options.auth);
  };
  return gatedCatalogClusters(locatorsOf(false), locatorsOf(true), options.rules, options.logger);
}
