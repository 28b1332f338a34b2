// Parses a WWW-Authenticate header (RFC 7235): `Bearer realm="...",service="...",scope="..."` or
// `Basic realm="..."`. Registries answer 401 with one, and it tells us where to get a token.
export interface AuthChallenge {
  /** Lower-case scheme: `bearer` or `basic`. */
  scheme: string;
  params: Record<string, string>;
}

/** The challenges in a header, in order (a header may offer more than one scheme). */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let i = 0;
  const skipSpaces = () => {
    while (i < header.length && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < header.length && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  while (i < header.length) {
    skipSpaces();
    if (header[i] === ',') {
      i++;
      continue;
    }
    const scheme = token();
    if (scheme === '') break;
    const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    while (i < header.length) {
      skipSpaces();
      const save = i;
      const name = token();
      skipSpaces();
      if (name === '' || header[i] !== '=') {
        // Not a parameter: the start of the next challenge.
        i = save;
        break;
      }
      i++;
      skipSpaces();
      let value = '';
      if (header[i] === '"') {
        i++;
        while (i < header.length && header[i] !== '"') {
          if (header[i] === '\\' && i + 1 < header.length) i++;
          value += header[i];
          i++;
        }
        i++;
      } else {
        value = token();
      }
      challenge.params[name.toLowerCase()] = value;
      skipSpaces();
      if (header[i] === ',') i++;
    }
  }
  return challenges;
}
