import { describe, expect, it } from 'vitest';
import { imageSummary } from '../../testing/image-fixtures.js';
import { imageRows, searchRows } from './image-rows.js';

describe('image rows', () => {
  const images = [
    imageSummary('aaa', ['127.0.0.1:5000/library/busybox:latest', 'localhost/box:v1'], { created: 2000 }),
    imageSummary('bbb', null, { created: 3000 }),
    imageSummary('ccc', ['docker.io/library/alpine:3.20'], { created: 1000 }),
  ];

  it('makes one row per name, newest first, and one <none> row for a dangling image', () => {
    const rows = imageRows(images);
    expect(rows.map((r) => [r.repository, r.tag, r.ref.slice(0, 20)])).toEqual([
      ['<none>', '<none>', 'bbb00000000000000000'],
      ['127.0.0.1:5000/library/busybox', 'latest', '127.0.0.1:5000/libra'],
      ['localhost/box', 'v1', 'localhost/box:v1'],
      ['docker.io/library/alpine', '3.20', 'docker.io/library/al'],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(4);
  });

  it('searches names and IDs by every word, ignoring case', () => {
    const rows = imageRows(images);
    expect(searchRows(rows, 'BUSYBOX').map((r) => r.tag)).toEqual(['latest']);
    expect(searchRows(rows, 'library latest').map((r) => r.tag)).toEqual(['latest']);
    expect(searchRows(rows, 'ccc').map((r) => r.repository)).toEqual(['docker.io/library/alpine']);
    expect(searchRows(rows, '  ')).toBe(rows);
    expect(searchRows(rows, 'nothing')).toEqual([]);
  });
});
