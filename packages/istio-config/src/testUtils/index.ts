/**
 * Builders for the objects analyzer and status tests feed in, so that each case reads as the situation it
 * describes.
 *
 * @packageDocumentation
 */

export { configMap, deployment, ingressGateway, namespace, object, type ObjectMeta, pod, secret, service, spec } from './objects';
