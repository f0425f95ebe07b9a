import { CustomErrorBase } from '@backstage/errors';
import { ClusterError } from '@meshport/plugin-mesh-common';
import { ClusterCredentialError } from './clusterConnection';

/** An answer from the API server that was not a success, with its HTTP status and Status message. */
export class KubernetesRequestError extends CustomErrorBase {
  constructor(readonly statusCode: number, readonly statusMessage: string) {
    super(`the API server answered ${statusCode}: ${statusMessage}`);
  }
}

/** A request that took longer than allowed. */
export class RequestTimeoutError extends CustomErrorBase {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/** Any failure in words for the cluster's error entry; never echoes credentials or request headers. */
export function clusterErrorOf(error: unknown): ClusterError {
  if (error instanceof ClusterCredentialError) return { reason: 'unauthorized', message: error.message };
  if (error instanceof KubernetesRequestError) {
    if (error.statusCode === 401) return { reason: 'unauthorized', message: "the API server refused the backend's credential (401)" };
    if (error.statusCode === 403) return { reason: 'forbidden', message: `the service account may not read these objects (403): ${error.statusMessage}` };
    if (error.statusCode >= 500) return { reason: 'server-error', message: `the API server failed (${error.statusCode}): ${error.statusMessage}` };
    if (error.statusCode === 404)
      return { reason: 'unknown', message: 'the API server does not serve this kind (404): is its CustomResourceDefinition installed?' };
    return { reason: 'unknown', message: error.message };
  }
  if (error instanceof RequestTimeoutError) return { reason: 'timeout', message: `the API server gave ${error.message}` };
  const code = (error as { code?: string })?.code;
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'ETIMEDOUT'].includes(code)) {
    return { reason: 'unreachable', message: `the API server could not be reached (${code})` };
  }
  if (
    code?.startsWith('ERR_TLS') ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN' ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
  ) {
    return { reason: 'unreachable', message: `the API server's certificate was not accepted (${code})` };
  }
  return { reason: 'unknown', message: (error as Error)?.message ?? String(error) };
}
