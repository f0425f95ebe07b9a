/**
 * A principal in words: "cluster.local/ns/orders/sa/order-service" → "order-service (namespace orders)"; other forms as they are.
 *
 * @public
 */
export function principalInWords(principal: string): string {
  const match = /^(?:[^/]{1,253}\/)?ns\/([^/]{1,63})\/sa\/([^/]{1,253})$/.exec(principal);
  return match ? `${match[2]} (namespace ${match[1]})` : principal;
}

/** "component:default/order-service" → "order-service"; another catalog namespace stays in ("component:team-a/x" → "team-a/x"). */
function entityRefInWords(entityRef: string): string {
  const match = /^[^:/]{1,63}:([^/]{1,63})\/(.{1,253})$/.exec(entityRef);
  if (!match) return entityRef;
  return match[1] === 'default' ? match[2] : `${match[1]}/${match[2]}`;
}

/**
 * The one way a caller is named: its catalog entity where the catalog knows the principal, else its principal in words.
 *
 * @public
 */
export function callerName(principal: string, entityRef?: string): string {
  return entityRef ? entityRefInWords(entityRef) : principalInWords(principal);
}
