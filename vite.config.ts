// Builds the renderer (renderer/) into dist/renderer: static files that Electron loads from disk and web mode
// serves on 127.0.0.1. Relative base, so both work without a server path.
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'renderer');

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});
