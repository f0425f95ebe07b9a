/** What a change request body may hold; GitHub refuses bodies over 65,536 characters. */
export const CHANGE_REQUEST_BODY_LIMIT = 60_000;

/** The trailer that names who asked for a commit. */
export const REQUESTED_BY = 'Requested-by';

/**
 * A change request's body: the render's summary, cut at a line with a pointer to the full text when it
 * would not fit, then everyone who asked for the changes on the branch.
 */
export function changeRequestBody(options: { description: string; requesters: string[]; taskUrl?: string }): string {
  const requested = `\n\n---\nRequested by: ${options.requesters.map(ref => `\`${ref}\``).join(', ')}\n`;
  const room = CHANGE_REQUEST_BODY_LIMIT - requested.length;
  let body = options.description.trimEnd();
  if (body.length > room) {
    const pointer = `\n\n_This summary was truncated to fit a change request; the full summary is in the task's output${
      options.taskUrl ? `: ${options.taskUrl}` : ''
    }._`;
    const cut = body.slice(0, room - pointer.length);
    body = `${cut.slice(0, Math.max(cut.lastIndexOf('\n'), 0))}${pointer}`;
  }
  return `${body}${requested}`;
}

/** The trailer that names the catalog entity a commit changes the folder of. */
export const MESHPORT_ENTITY = 'Meshport-Entity';

/** A commit message with the requesting user and the entity in trailers. */
export function commitMessage(options: { title: string; entityRef: string; requester: string }): string {
  return (
    `${options.title.replace(/[\r\n]+/g, ' ')}\n\nProposed through Meshport's mesh templates for ${options.entityRef}.\n\n` +
    `${REQUESTED_BY}: ${options.requester}\n${MESHPORT_ENTITY}: ${options.entityRef}\n`
  );
}
