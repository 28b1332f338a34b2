// Go compares strings byte by byte (UTF-8 order equals code point order); so do podman's sorts.
// String#localeCompare would differ from podman on case and punctuation, and its first call
// loads ICU's collator: ~15 ms of a CLI command's start-up.
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
