/** "GET, POST," → ["GET", "POST"]: what a comma-separated text field holds. */
export function commaList(text: string): string[] {
  return text
    .split(',')
    .map(value => value.trim())
    .filter(Boolean);
}
