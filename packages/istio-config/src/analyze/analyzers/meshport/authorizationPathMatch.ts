import { finding } from '../../findings';
import { Analyzer } from '../../types';

/**
 * MP0007: path matches that spellings of a path escape. Istio's security guidance: ALLOW with positive
 * matches, DENY with negative ones. A DENY on `paths` misses "//api/x", "/API/x" or "/api/x;a" when the
 * application treats them as /api/x; an ALLOW on `notPaths` lets those spellings of the excluded paths in.
 */
export const AuthorizationPathMatchAnalyzer: Analyzer = {
  metadata: {
    name: 'meshport.AuthorizationPathMatchAnalyzer',
    description: 'Finds path matches that other spellings of a path escape',
    inputs: ['AuthorizationPolicy'],
  },
  analyze({ index, report }) {
    for (const policy of index.ofKind('AuthorizationPolicy')) {
      const action = policy.spec?.action ?? 'ALLOW';
      if (action !== 'ALLOW' && action !== 'DENY') continue;
      (policy.spec?.rules ?? []).forEach((rule: any, ruleIndex: number) => {
        (rule?.to ?? []).forEach((to: any, toIndex: number) => {
          const field = action === 'DENY' ? 'paths' : 'notPaths';
          const paths: unknown = to?.operation?.[field];
          if (!Array.isArray(paths) || paths.length === 0) return;
          const path = `spec.rules[${ruleIndex}].to[${toIndex}].operation.${field}`;
          const message =
            action === 'DENY'
              ? `A DENY rule matches ${paths.join(
                  ', ',
                )} positively: spellings the application treats as the same path (//x, /X, /x;a) escape it. Deny with notPaths on the paths to keep open instead`
              : `An ALLOW rule allows every path except ${paths.join(
                  ', ',
                )}: spellings of those paths the application treats as the same are allowed. List the allowed paths instead`;
          report(finding('MP0007', policy, message, path));
        });
      });
    }
  },
};
