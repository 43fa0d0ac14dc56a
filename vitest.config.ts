import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts'],
    // harness/examples/vitest/ holds a test file for users' projects (harness/test/vitest-integration.test.ts runs it in one).
    exclude: ['**/node_modules/**', 'harness/dist/**', 'harness/examples/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
