// Log lines for display: search matches (case-insensitive) split out for highlighting, and the
// text a download saves.
import type { ContainerLogLine } from '../../../../engine/src/contract/container-types.js';

export interface TextPart {
  text: string;
  match: boolean;
}

/** Splits `text` around every occurrence of `query` (case-insensitive). */
export function highlightParts(text: string, query: string): TextPart[] {
  if (!query) return [{ text, match: false }];
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  const parts: TextPart[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length || parts.length === 0) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/** Indexes of the lines that contain `query`. */
export function matchingLines(lines: readonly ContainerLogLine[], query: string): number[] {
  if (!query) return [];
  const needle = query.toLowerCase();
  const found: number[] = [];
  lines.forEach((line, index) => {
    if (line.text.toLowerCase().includes(needle)) found.push(index);
  });
  return found;
}

export function logFileText(lines: readonly ContainerLogLine[], timestamps: boolean): string {
  return lines.map((l) => `${timestamps ? `${l.time} ` : ''}${l.text}\n`).join('');
}
