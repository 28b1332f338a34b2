// Saves text the renderer holds (a log, generated YAML) as a file through the browser's download,
// which works the same in Electron and in web mode; no engine call, no file system access.
export function saveTextFile(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has started by then; the URL only holds the text in memory.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
