// Go's text/tabwriter as podman configures it for tables:
//   tabwriter.NewWriter(w, 12, 2, 2, ' ', 0)  // minwidth 12, tabwidth 2, padding 2, spaces, no flags
//
// Cells end with a tab. A column's width is the widest cell in it plus the padding, but at least the
// minimum width, taken over the contiguous block of lines that have that column; a line with fewer
// cells ends the block (so a line with no tab resets every column). The text after a line's last tab
// is not a cell of any column and is written unpadded. tabwidth only matters when padding with tabs.

const MIN_WIDTH = 12;
const PADDING = 2;
const SURROGATE = /[\uD800-\uDFFF]/;

/** Go's tabwriter counts widths in runes (code points), not UTF-16 units or display columns. */
function width(text: string): number {
  // Without surrogate pairs, UTF-16 units are code points: the common case, counted for free.
  if (!SURROGATE.test(text)) return text.length;
  let count = 0;
  for (const _char of text) count++;
  return count;
}

/** Aligns tab-separated columns exactly as podman's tabwriter would. */
export function alignTabs(text: string): string {
  // '\v' also terminates a cell in Go (a "soft" tab, only special with DiscardEmptyColumns).
  const lines = text.split('\n').map((line) => line.split(/[\t\v]/));
  // widths[i][c]: the padded width of column c on line i.
  const widths: number[][] = lines.map(() => []);
  const columns = Math.max(0, ...lines.map((cells) => cells.length - 1));
  for (let column = 0; column < columns; column++) {
    let line = 0;
    while (line < lines.length) {
      // A block is a run of consecutive lines that all have a cell in this column.
      if ((lines[line]?.length ?? 0) - 1 <= column) {
        line++;
        continue;
      }
      const start = line;
      let blockWidth = MIN_WIDTH;
      while (line < lines.length && (lines[line]?.length ?? 0) - 1 > column) {
        blockWidth = Math.max(blockWidth, width(lines[line]?.[column] ?? '') + PADDING);
        line++;
      }
      for (let i = start; i < line; i++) widths[i]?.push(blockWidth);
    }
  }
  return lines
    .map((cells, i) =>
      cells
        .map((cell, column) => {
          const target = widths[i]?.[column];
          return target === undefined ? cell : cell + ' '.repeat(target - width(cell));
        })
        .join(''),
    )
    .join('\n');
}
