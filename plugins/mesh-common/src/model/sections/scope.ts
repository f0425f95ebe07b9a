// The policy's scope section. The proxy's scope: the hosts its sidecar sees (Sidecar egress).
import { z } from 'zod';
import { scopeHost, uniqueList } from '../primitives';

export const scope = z
  .strictObject({
    hosts: uniqueList(scopeHost, 128)
      .default([])
      .describe(
        'What the service calls besides its own namespace and istio-system, as "<namespace>/<host>": its catalog dependencies\' Services, its ServiceEntries\' hosts',
      ),
  })
  .describe(
    "Sidecar mode only: the proxy's egress scope (a Sidecar resource). The proxy learns only these hosts, its namespace's and istio-system's, instead of the whole mesh; calls elsewhere fail",
  );
