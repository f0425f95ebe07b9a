/** Whether one path segment matches a pattern whose "*" stands for any run of characters, in O(pattern × text). */
function matchesSegment(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p += 1;
      t += 1;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p;
      resume = t;
      p += 1;
    } else if (star !== -1) {
      p = star + 1;
      resume += 1;
      t = resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p += 1;
  return p === pattern.length;
}

/**
 * Whether a path matches a configured pattern in which "*" stands for any characters but "/" (an
 * allowed-repository pattern such as "gitops-*" or "/srv/git/*"). Matched segment by segment without
 * regular expressions, so that a pattern with many stars cannot make a long untrusted path slow.
 */
export function matchesWildcard(pattern: string, path: string): boolean {
  const patternSegments = pattern.split('/');
  const pathSegments = path.split('/');
  return patternSegments.length === pathSegments.length && patternSegments.every((segment, index) => matchesSegment(segment, pathSegments[index]));
}
