// Splits a (multi-document) YAML text into documents and keeps, for each, a way back from a
// field's path to its line, so that every later complaint about a document can say where the
// field is (`file:line`), not only what is wrong with it.
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
} from 'yaml';
import { KubeYamlError } from './kube-errors.js';

export type FieldPath = ReadonlyArray<string | number>;

export interface YamlDocument {
  /** 1-based position of the document in the file, for messages. */
  index: number;
  /** The document as plain data. */
  value: unknown;
  /** The line of the field at `path` (or of its nearest existing parent). */
  lineOf(path: FieldPath): number;
}

/** The node at `path`, or the deepest existing parent; keys point at the key, not the value. */
function offsetOf(document: Document, path: FieldPath): number {
  let node: unknown = document.contents;
  let offset = (document.contents as Node | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
      offset = (node as Node).range?.[0] ?? offset;
    } else break;
  }
  return offset;
}

/** Parses every document of `text`; a syntax error anywhere fails the whole file, at its line. */
export function parseYamlDocuments(text: string, file: string): YamlDocument[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // An empty stream (only comments or nothing at all) comes back as an EmptyStream: no documents.
  if (!Array.isArray(documents)) return [];
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const parsed: YamlDocument[] = [];
  for (const [position, document] of documents.entries()) {
    const error = document.errors[0];
    if (error)
      throw new KubeYamlError(
        file,
        lineAt(error.pos[0]),
        `invalid YAML in document ${position + 1}: ${error.message.split('\n')[0]}: fix the YAML syntax`,
      );
    // `---` with nothing (or only comments) after it: an empty document, not an object.
    if (document.contents === null || (isScalar(document.contents) && document.contents.value === null))
      continue;
    parsed.push({
      index: position + 1,
      value: document.toJS({ maxAliasCount: 100 }) as unknown,
      lineOf: (path) => lineAt(offsetOf(document, path)),
    });
  }
  return parsed;
}
