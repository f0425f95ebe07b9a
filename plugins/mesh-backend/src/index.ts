/**
 * Meshport's mesh status backend: per-entity sidecar injection, policies, canary split, health and
 * sidecar overhead, from the clusters Backstage's Kubernetes plugin is configured with.
 *
 * @packageDocumentation
 */
export { meshPlugin as default } from './plugin';
