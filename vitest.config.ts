import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'harness/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
