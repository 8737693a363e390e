// Builds the dashboard into web/dist, which the API serves from `/` (apps/api/src/web). No CDN:
// every script, style and font ships in the bundle.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The wire types the API's mappers return (dependency-free, so they bundle as they are).
const contracts = fileURLToPath(new URL('../libs/contracts/src/index.ts', import.meta.url));
const api = process.env.SEQCAST_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  resolve: { alias: { '@seqcast/contracts': contracts } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  // `vite --config web/vite.config.ts` during development: the page talks to a running API.
  server: { proxy: { '/v1': api, '/admin': api, '/docs': api, '/health': api } },
});
