import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { hostileCases, hostileTar } from '../../../test/fixtures/hostile/hostile-layers.js';
import { createAutoDecompressor } from './decompress.js';
import { UnsafeLayerError } from './image-errors.js';
import { cleanArchivePath, extractLayer, OPAQUE_XATTR } from './layer-extract.js';
import { getXattr } from './special-files.js';

const isRoot = process.getuid?.() === 0;
const dirs: string[] = [];
function tempDir(label: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `berth-${label}-`));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every path under a directory (lstat, never following links), with file contents. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const p = path.join(rel, name);
      const info = lstatSync(path.join(dir, p));
      if (info.isDirectory()) {
        out[p] = 'dir';
        walk(p);
      } else out[p] = info.isFile() ? readFileSync(path.join(dir, p), 'utf8') : `mode ${info.mode}`;
    }
  };
  walk('');
  return out;
}

/** A zstd frame made of raw blocks: valid zstd without a compressor. */
function zstdRawFrame(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38])];
  const max = 128 * 1024;
  for (let offset = 0; offset < data.length || offset === 0; offset += max) {
    const block = data.subarray(offset, offset + max);
    const last = offset + max >= data.length ? 1 : 0;
    const header = (block.length << 3) | last;
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), block);
    if (data.length === 0) break;
  }
  return Buffer.concat(parts);
}

async function extractBuffer(tarData: Buffer, target: string, privileged = isRoot) {
  return extractLayer(Readable.from([tarData]), target, { privileged });
}

describe('cleanArchivePath', () => {
  it('normalises ./ and slashes, and refuses escapes', () => {
    expect(cleanArchivePath('./a//b/./c/')).toBe('a/b/c');
    expect(cleanArchivePath('./')).toBe('');
    expect(() => cleanArchivePath('/etc/passwd')).toThrow(UnsafeLayerError);
    expect(() => cleanArchivePath('a/../../b')).toThrow(/contains "\.\."/);
  });
});

describe('extractLayer', () => {
  it('extracts files, directories, symlinks and hard links with their metadata', async () => {
    const target = tempDir('layer');
    const data = await hostileTar([
      { type: 'directory', name: 'etc/' },
      { type: 'file', name: 'etc/hostname', content: 'box\n' },
      { type: 'symlink', name: 'etc/link', target: '/etc/hostname' },
      { type: 'link', name: 'etc/hard', target: 'etc/hostname' },
      { type: 'file', name: 'deep/er/file.txt', content: 'x' },
    ]);
    const summary = await extractBuffer(data, target);
    expect(summary.entries).toBe(5);
    expect(readFileSync(path.join(target, 'etc/hostname'), 'utf8')).toBe('box\n');
    expect(lstatSync(path.join(target, 'etc/link')).isSymbolicLink()).toBe(true);
    expect(lstatSync(path.join(target, 'etc/hard')).ino).toBe(
      lstatSync(path.join(target, 'etc/hostname')).ino,
    );
    expect(lstatSync(path.join(target, 'etc/hostname')).mtime.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(readFileSync(path.join(target, 'deep/er/file.txt'), 'utf8')).toBe('x');
  });

  it.skipIf(!isRoot)('turns whiteouts into overlay whiteouts and opaque markers into the xattr', async () => {
    const target = tempDir('layer');
    const data = await hostileTar([
      { type: 'directory', name: 'data/' },
      { type: 'file', name: 'data/.wh.gone.txt' },
      { type: 'directory', name: 'opq/' },
      { type: 'file', name: 'opq/.wh..wh..opq' },
      { type: 'file', name: 'opq/c.txt', content: 'c' },
    ]);
    const summary = await extractBuffer(data, target);
    expect(summary).toMatchObject({ whiteouts: 1, opaqueDirectories: 1 });
    const whiteout = lstatSync(path.join(target, 'data/gone.txt'));
    expect(whiteout.isCharacterDevice()).toBe(true);
    expect(whiteout.rdev).toBe(0);
    expect(existsSync(path.join(target, 'data/.wh.gone.txt'))).toBe(false);
    expect(getXattr(path.join(target, 'opq'), OPAQUE_XATTR)?.toString()).toBe('y');
    expect(existsSync(path.join(target, 'opq/.wh..wh..opq'))).toBe(false);
  });

  it('reads gzip, zstd and plain tar alike (detected from magic bytes)', async () => {
    const data = await hostileTar([{ type: 'file', name: 'hello.txt', content: 'hello' }]);
    for (const blob of [data, gzipSync(data), zstdRawFrame(data)]) {
      const target = tempDir('layer');
      await extractLayer(Readable.from([blob]).pipe(createAutoDecompressor()), target, {
        privileged: isRoot,
      });
      expect(readFileSync(path.join(target, 'hello.txt'), 'utf8')).toBe('hello');
    }
  });

  it('fails on corrupt compressed data', async () => {
    const data = gzipSync(await hostileTar([{ type: 'file', name: 'a', content: 'a'.repeat(1000) }]));
    data[data.length - 6]! ^= 0xff;
    await expect(
      extractLayer(Readable.from([data]).pipe(createAutoDecompressor()), tempDir('layer'), {
        privileged: false,
      }),
    ).rejects.toThrow();
  });

  describe('hostile archives (test/fixtures/hostile)', () => {
    const outsideProbe = hostileCases('/x');
    for (const probe of outsideProbe) {
      it(`${probe.expect === 'refused' ? 'refuses' : 'contains'}: ${probe.name}`, async () => {
        const base = tempDir('hostile');
        const outside = path.join(base, 'outside');
        const target = path.join(base, 'layer');
        mkdirSync(outside);
        mkdirSync(target);
        writeFileSync(path.join(outside, 'outside-target.txt'), 'original');
        const before = snapshot(outside);
        const testCase = hostileCases(outside).find((c) => c.name === probe.name)!;
        const data = await hostileTar(testCase.entries);
        if (testCase.expect === 'refused') {
          await expect(extractBuffer(data, target)).rejects.toThrow(UnsafeLayerError);
        } else {
          await extractBuffer(data, target);
        }
        expect(snapshot(outside)).toEqual(before);
        expect(readdirSync(base).sort()).toEqual(['layer', 'outside']);
        if (testCase.name === 'file replacing a symlink to the outside') {
          expect(readFileSync(path.join(target, 'victim'), 'utf8')).toBe('replaced inside');
        }
      });
    }

    it('leaves device nodes out when not privileged', async () => {
      const target = tempDir('layer');
      const summary = await extractBuffer(
        await hostileTar([{ type: 'character-device', name: 'null', major: 1, minor: 3 }]),
        target,
        false,
      );
      expect(summary.skippedDevices).toBe(1);
      expect(existsSync(path.join(target, 'null'))).toBe(false);
    });
  });
});
