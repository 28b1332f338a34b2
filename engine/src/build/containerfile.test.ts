import { describe, expect, it } from 'vitest';
import { parseContainerfile } from './containerfile.js';
import { IgnoreMatcher } from './ignore-file.js';
import { keyValuePairs, processWord, processWords } from './variables.js';

describe('parseContainerfile', () => {
  it('splits stages, keeps global ARGs, joins continuations and skips comments', () => {
    const file = parseContainerfile(
      [
        '# syntax=docker/dockerfile:1',
        'ARG BASE=busybox',
        'FROM $BASE AS Builder',
        'RUN echo a && \\',
        '  # a comment inside',
        '  echo b',
        '',
        'FROM --platform=linux/amd64 builder',
        'COPY --from=builder --chown=1:2 --chmod=755 /a /b/',
        'CMD ["sh", "-c", "echo hi"]',
        'ENTRYPOINT echo x',
      ].join('\n'),
    );
    expect(file.syntax).toBe('docker/dockerfile:1');
    expect(file.globalArgs.map((a) => a.rest)).toEqual(['BASE=busybox']);
    expect(file.stages).toHaveLength(2);
    expect(file.stages[0]!.alias).toBe('builder');
    const run = file.stages[0]!.instructions[0]!;
    expect(run).toMatchObject({
      kind: 'RUN',
      line: 4,
      command: { form: 'shell', command: 'echo a &&   echo b' },
    });
    expect(file.stages[1]!.from.platform).toBe('linux/amd64');
    expect(file.stages[1]!.instructions[0]).toMatchObject({
      kind: 'COPY',
      from: 'builder',
      chown: '1:2',
      chmod: '755',
      sources: ['/a'],
      dest: '/b/',
    });
    expect(file.stages[1]!.instructions[1]).toMatchObject({
      kind: 'CMD',
      command: { form: 'exec', args: ['sh', '-c', 'echo hi'] },
    });
    expect(file.stages[1]!.instructions[2]).toMatchObject({
      kind: 'ENTRYPOINT',
      command: { form: 'shell', command: 'echo x' },
    });
  });

  it('honours the escape directive', () => {
    const file = parseContainerfile(['# escape=`', 'FROM scratch', 'RUN echo a `', '  b'].join('\n'));
    expect(file.escape).toBe('`');
    expect(file.stages[0]!.instructions[0]).toMatchObject({ command: { command: 'echo a   b' } });
  });

  it('reads heredocs, with <<- stripping tabs', () => {
    const file = parseContainerfile(
      [
        'FROM scratch',
        'RUN <<EOF',
        'echo one',
        'echo two',
        'EOF',
        'COPY <<-"END" /etc/x',
        '\tliteral $X',
        '\tEND',
        'USER 1',
      ].join('\n'),
    );
    const [run, copy, user] = file.stages[0]!.instructions;
    expect(run).toMatchObject({ kind: 'RUN', heredocs: [{ name: 'EOF', content: 'echo one\necho two\n' }] });
    expect(copy).toMatchObject({
      kind: 'COPY',
      sources: ['<<-"END"'],
      heredocs: [{ name: 'END', content: 'literal $X\n', quoted: true }],
    });
    expect(user).toMatchObject({ kind: 'USER', value: '1', line: 9 });
  });

  it('names the file and line of a syntax error', () => {
    expect(() => parseContainerfile('FROM scratch\n\nRUN true\nFOO bar\n', 'Containerfile')).toThrow(
      'Containerfile:4: unknown instruction: FOO',
    );
    expect(() => parseContainerfile('RUN true\n', 'Dockerfile')).toThrow('Dockerfile:1: no FROM before RUN');
    expect(() => parseContainerfile('FROM a\nCOPY --nope=1 a b\n')).toThrow(
      'Containerfile:2: unknown flag: --nope',
    );
    expect(() => parseContainerfile('FROM a\nRUN <<EOF\necho\n')).toThrow(
      'Containerfile:2: heredoc <<EOF is not terminated',
    );
    expect(() => parseContainerfile('FROM a\nSHELL sh -c\n')).toThrow(
      'Containerfile:2: SHELL requires the arguments to be in JSON form',
    );
    expect(() => parseContainerfile('FROM a AS x\nFROM b AS x\n')).toThrow('duplicate name for build stage');
  });

  it('refuses flags that would change the image and are not implemented, instead of ignoring them', () => {
    expect(() => parseContainerfile('FROM a\nRUN --mount=type=cache,target=/c true\n')).toThrow(
      /^Containerfile:2: RUN --mount is not supported by Berth yet: /,
    );
    expect(() => parseContainerfile('FROM a\n\nCOPY --exclude=*.md . /app\n')).toThrow(
      /^Containerfile:3: COPY --exclude is not supported by Berth yet/,
    );
    // --link only changes BuildKit's caching, never the files: accepted.
    expect(() => parseContainerfile('FROM a\nCOPY --link a /b\n')).not.toThrow();
  });

  it('parses HEALTHCHECK options and ONBUILD triggers', () => {
    const file = parseContainerfile(
      'FROM a\nHEALTHCHECK --interval=1m30s --retries=3 CMD wget -q localhost\nHEALTHCHECK NONE\nONBUILD RUN echo later\n',
    );
    const [check, none, onbuild] = file.stages[0]!.instructions;
    expect(check).toMatchObject({ test: ['CMD-SHELL', 'wget -q localhost'], interval: 90e9, retries: 3 });
    expect(none).toMatchObject({ kind: 'HEALTHCHECK' });
    expect((none as { test?: string[] }).test).toBeUndefined();
    expect(onbuild).toMatchObject({ kind: 'ONBUILD', trigger: 'RUN echo later' });
    expect(() => parseContainerfile('FROM a\nONBUILD FROM b\n')).toThrow(
      "FROM isn't allowed as an ONBUILD trigger",
    );
  });
});

describe('variable substitution', () => {
  const vars: Record<string, string> = { A: 'one', EMPTY: '', SP: 'x y' };
  const lookup = (name: string) => vars[name];
  it('expands $VAR, ${VAR}, defaults and alternatives', () => {
    expect(processWord('$A-${A}', lookup)).toBe('one-one');
    expect(processWord('${MISSING:-def}/${EMPTY:-e}/${EMPTY-e}', lookup)).toBe('def/e/');
    expect(processWord('${A:+alt}|${MISSING:+alt}|${EMPTY+set}', lookup)).toBe('alt||set');
    expect(processWord('\'$A\' "$A" \\$A', lookup)).toBe('$A one $A');
  });
  it('splits words at unquoted spaces and reads KEY=value pairs', () => {
    expect(processWords('a "b c" $SP', lookup)).toEqual(['a', 'b c', 'x y']);
    expect(keyValuePairs('K=$A "L M"="n o" P=\'$A\'', lookup, '\\')).toEqual([
      { key: 'K', value: 'one' },
      { key: 'L M', value: 'n o' },
      { key: 'P', value: '$A' },
    ]);
    expect(keyValuePairs('NAME some value $A', lookup, '\\')).toEqual([
      { key: 'NAME', value: 'some value one' },
    ]);
  });
});

describe('ignore files', () => {
  it('matches globs, ** and exceptions, last match winning', () => {
    const m = new IgnoreMatcher([
      '# comment',
      '*.log',
      '/build',
      '**/tmp',
      'docs',
      '!docs/keep.md',
      '!important.log',
    ]);
    expect(m.ignores('a.log')).toBe(true);
    expect(m.ignores('sub/a.log')).toBe(false);
    expect(m.ignores('important.log')).toBe(false);
    expect(m.ignores('build/x/y')).toBe(true);
    expect(m.ignores('deep/er/tmp/file')).toBe(true);
    expect(m.ignores('docs/other.md')).toBe(true);
    expect(m.ignores('docs/keep.md')).toBe(false);
    expect(m.ignores('src/main.ts')).toBe(false);
  });
});
