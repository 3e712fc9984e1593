// Builds the web console (src/ui) into dist/ui, which `cwc serve` serves; everything is bundled, nothing loads from a CDN.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/ui',
  base: './',
  plugins: [react()],
  build: { outDir: '../../dist/ui', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1024 },
  // `npm run dev:ui` proxies the API to a running `cwc serve` so the console can be worked on with hot reload.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
