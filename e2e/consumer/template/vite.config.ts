import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    rolldownOptions: {
      // The two pages, and the service worker as an entry of its own with a fixed name: the pages register /sw.js.
      input: { main: 'index.html', vanilla: 'vanilla.html', sw: 'src/sw.ts' },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  // In dev the page registers /src/sw.ts with scope '/', wider than its folder: the header allows that.
  server: { headers: { 'Service-Worker-Allowed': '/' } },
  // Pre-bundle the service worker's imports at start too, not when it first loads (that would reload the page).
  optimizeDeps: { entries: ['index.html', 'vanilla.html', 'src/sw.ts'] },
});
