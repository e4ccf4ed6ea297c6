import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    rolldownOptions: {
      // The service worker is a second entry, built to a fixed name: the page registers /sw.js.
      input: { main: 'index.html', sw: 'src/sw.ts' },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  // In dev the page registers /src/sw.ts with scope '/', wider than its folder: the header allows that.
  server: { headers: { 'Service-Worker-Allowed': '/' } },
  // Pre-bundle the service worker's imports at start too, not when it first loads (that would reload the page).
  optimizeDeps: { entries: ['index.html', 'src/sw.ts'] },
});
