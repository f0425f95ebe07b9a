/**
 * What EKS's authenticator (aws-iam-authenticator, pkg/token/token.go `Verify`) checks of a bearer token
 * before it asks STS who signed it: the `k8s-aws-v1.` prefix, a base64url presigned URL to STS's
 * GetCallerIdentity over https, the cluster id among the signed headers (`x-k8s-aws-id`), and a SigV4
 * credential scope of the access key, region and `sts`. The signature itself only STS can check.
 */
export function eksTokenProblem(authorization: string | undefined, expected: { accessKeyId: string; region: string }): string | undefined {
  const prefix = 'Bearer k8s-aws-v1.';
  if (!authorization?.startsWith(prefix)) return 'not a k8s-aws-v1 bearer token';
  let url: URL;
  try {
    url = new URL(Buffer.from(authorization.slice(prefix.length), 'base64url').toString());
  } catch {
    return 'the token is not a URL';
  }
  const query = url.searchParams;
  if (url.protocol !== 'https:' || url.hostname !== `sts.${expected.region}.amazonaws.com` || url.pathname !== '/')
    return `not STS of ${expected.region}: ${url.host}`;
  if (query.get('Action') !== 'GetCallerIdentity' || query.get('Version') !== '2011-06-15') return 'not GetCallerIdentity 2011-06-15';
  if (!(query.get('X-Amz-SignedHeaders') ?? '').split(';').includes('x-k8s-aws-id')) return 'x-k8s-aws-id is not signed';
  if (
    !query.get('X-Amz-Credential')?.startsWith(`${expected.accessKeyId}/`) ||
    !query.get('X-Amz-Credential')?.endsWith(`/${expected.region}/sts/aws4_request`)
  ) {
    return 'the credential scope is not the access key in the region for sts';
  }
  if (!/^[0-9a-f]{64}$/.test(query.get('X-Amz-Signature') ?? '')) return 'no SigV4 signature';
  return undefined;
}
