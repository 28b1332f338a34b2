import { describe, expect, it } from 'vitest';
import { CommandLineError, splitCommandLine } from './command-line.js';

describe('splitCommandLine', () => {
  it('splits as a shell does, without expanding anything', () => {
    expect(splitCommandLine(`sh -c 'echo hello-from-berth; sleep 1000'`)).toEqual([
      'sh',
      '-c',
      'echo hello-from-berth; sleep 1000',
    ]);
    expect(splitCommandLine(`  echo "a \\"b\\" $HOME" c\\ d '' x'y'z `)).toEqual([
      'echo',
      'a "b" $HOME',
      'c d',
      '',
      'xyz',
    ]);
    expect(splitCommandLine('')).toEqual([]);
  });

  it('refuses unclosed quotes', () => {
    expect(() => splitCommandLine(`sh -c 'oops`)).toThrow(CommandLineError);
    expect(() => splitCommandLine(`echo "oops`)).toThrow('unclosed double quote');
  });
});
