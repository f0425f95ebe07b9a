// The policy's jwt section. End-user JWTs: issuers, where tokens come from, claims required.
import { z } from 'zod';
import { claimHeaderName, headerName, httpPath, httpsUrl, matchValue, token, uniqueList } from '../primitives';

export const jwtRule = z
  .strictObject({
    issuer: z
      .string()
      .min(1, 'must not be empty')
      .max(2048, { message: 'must be at most 2048 characters', abort: true })
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII with no spaces')
      .describe('Token issuer (iss)'),
    jwksUri: httpsUrl.describe('Where the issuer publishes its signing keys'),
    audiences: uniqueList(token, 16).default([]).describe('Accepted audiences (aud); empty accepts any'),
    forwardOriginalToken: z.boolean().default(false).describe('Pass the token on to the application'),
    fromHeaders: z
      .array(
        z.strictObject({
          name: headerName.describe('Header carrying the token'),
          prefix: matchValue.optional().describe('Prefix before the token, e.g. "Bearer "'),
        }),
      )
      .max(8)
      .default([])
      .describe('Headers to read the token from; default is Authorization: Bearer'),
    outputClaimToHeaders: z
      .array(z.strictObject({ header: claimHeaderName.describe('Header to set'), claim: token.describe('Claim to copy') }))
      .max(16)
      .default([])
      .describe('Claims copied into request headers for the application'),
  })
  .describe('A trusted token issuer');

export const claimCondition = z
  .strictObject({
    claim: z
      .string()
      .min(1, 'must not be empty')
      .max(128, { message: 'must be at most 128 characters', abort: true })
      .regex(/^[A-Za-z0-9_.:/-]+$/, 'must be a claim name of letters, digits and _.:/-')
      .describe('Claim name, e.g. "role"; nested claims use dots'),
    values: uniqueList(matchValue, 32).min(1, 'needs at least one value').describe('Accepted values'),
  })
  .describe('Require a claim to hold one of the values');

export const jwt = z
  .strictObject({
    rules: z.array(jwtRule).min(1, 'needs at least one issuer').max(8).describe('Trusted issuers'),
    requireToken: z.boolean().default(true).describe('Reject requests without a valid token'),
    claims: z.array(claimCondition).max(16).default([]).describe('Claim conditions every request must meet'),
    publicPaths: uniqueList(httpPath, 32)
      .default([])
      .describe('Paths that need no token and no claims (e.g. "/healthz", "/public/*"); every other path needs both'),
  })
  .describe('End-user authentication with JWT (RequestAuthentication + AuthorizationPolicy)');
