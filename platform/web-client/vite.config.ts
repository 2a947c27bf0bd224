import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The built files go straight where the jar takes them from: the gateway serves META-INF/resources at "/".
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    // No inline script: the page runs under a Content-Security-Policy without 'unsafe-inline'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `npm run dev` against a running suite: the gateway serves /api, /web and /ws.
    proxy: {
      '/api': 'http://localhost:8080',
      '/web': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
