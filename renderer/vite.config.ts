// Builds the renderer: the same static bundle is loaded by Electron (file://, hence base './')
// and served to a browser by `penin serve`. Paths are relative to this file, whatever the cwd.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${here}/../dist/renderer`,
    emptyOutDir: true,
    sourcemap: true,
    // Never inline assets as data: URLs into scripts; the CSP allows only 'self' scripts.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // zod ships /*#__PURE__*/ comments in places Rollup cannot use: harmless, and noise on every build.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
});
