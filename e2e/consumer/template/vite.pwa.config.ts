import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // Your own service worker (src/pwa/sw.ts), bundled by the plugin to /sw.js with the precache list in it.
      strategies: 'injectManifest',
      srcDir: 'src/pwa',
      filename: 'sw.ts',
      // The page registers it itself (src/main.tsx).
      injectRegister: false,
      manifest: false,
    }),
  ],
  // The template builds both ways side by side; an app with one build keeps Vite's dist/.
  build: { outDir: 'dist-pwa' },
});
