// Go's fmt verbs as istioctl's messages use them, so that a finding reads exactly as istioctl prints it.

const NAMED_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** `%q` of a string: double-quoted with Go's escapes. */
export function goQuote(value: string): string {
  let out = '"';
  for (const character of value) {
    const code = character.codePointAt(0)!;
    if (NAMED_ESCAPES[character]) out += NAMED_ESCAPES[character];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if ((code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029 || code === 0xfeff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += character;
  }
  return `${out}"`;
}

/** `%v` of a slice: "[a b c]". */
export function goList(values: ReadonlyArray<string | number>): string {
  return `[${values.join(' ')}]`;
}
