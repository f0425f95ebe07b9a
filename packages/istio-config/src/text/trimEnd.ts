/**
 * The text without the given character repeated at its end ("a//" → "a" for "/"), in one pass from the
 * end: the replacement for `/c+$/`, which tries every position of a run of c from the start.
 *
 * @public
 */
export function trimEndOf(text: string, character: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === character) end -= 1;
  return text.slice(0, end);
}
