// Compact JSON as Go's encoding/json writes it, for the {{json .}} template function.
//
// JSON.stringify differs from Go in string escaping: Go escapes <, > and & as \u003c, \u003e, \u0026
// (json.Marshal's HTML-safe default), always escapes U+2028/U+2029, and replaces invalid UTF-16
// (lone surrogates) with U+FFFD. Everything else (number formatting, key order of structs) matches.

export interface GoJsonOptions {
  /** Escape <, > and & like json.Marshal (true) or leave them like Encoder.SetEscapeHTML(false). */
  escapeHtml: boolean;
}

function escapeString(text: string, escapeHtml: boolean): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    switch (char) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      default:
        break;
    }
    if (
      code < 0x20 ||
      code === 0x2028 ||
      code === 0x2029 ||
      (escapeHtml && (char === '<' || char === '>' || char === '&'))
    ) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += '\ufffd'; // a lone surrogate is invalid UTF-8 in Go, which substitutes U+FFFD
    } else {
      out += char;
    }
  }
  return `${out}"`;
}

/** Serialises like Go's json.Marshal (compact). Cycles throw, as Go reports them as errors. */
export function goJson(value: unknown, options: GoJsonOptions = { escapeHtml: true }): string {
  const ancestors = new Set<object>();

  const encode = (item: unknown): string | undefined => {
    if (item === null || item === undefined) return item === null ? 'null' : undefined;
    if (typeof item === 'object' && typeof (item as { toJSON?: unknown }).toJSON === 'function') {
      // Dates and other self-describing objects, like Go's json.Marshaler.
      return encode((item as { toJSON: () => unknown }).toJSON());
    }
    switch (typeof item) {
      case 'string':
        return escapeString(item, options.escapeHtml);
      case 'number':
        // String(n) matches Go's float encoding (exponent below 1e-6 and from 1e21). Go refuses
        // NaN and infinities; we write null rather than failing the whole line.
        return Number.isFinite(item) ? String(item) : 'null';
      case 'bigint':
        return item.toString();
      case 'boolean':
        return item ? 'true' : 'false';
      case 'function':
      case 'symbol':
        return undefined;
      default:
        break;
    }
    const object = item as object;
    if (ancestors.has(object)) throw new Error('json: unsupported value: encountered a cycle');
    ancestors.add(object);
    try {
      if (Array.isArray(object) || object instanceof Set) {
        const parts = [...object].map((element) => encode(element) ?? 'null');
        return `[${parts.join(',')}]`;
      }
      // Go sorts map keys; plain objects keep their order, like struct fields do.
      const entries =
        object instanceof Map
          ? [...(object as Map<unknown, unknown>).entries()]
              .map(([key, val]): [string, unknown] => [String(key), val])
              .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
          : Object.entries(object);
      const parts: string[] = [];
      for (const [key, val] of entries) {
        const encoded = encode(val);
        if (encoded !== undefined) parts.push(`${escapeString(key, options.escapeHtml)}:${encoded}`);
      }
      return `{${parts.join(',')}}`;
    } finally {
      ancestors.delete(object);
    }
  };

  return encode(value) ?? 'null';
}
