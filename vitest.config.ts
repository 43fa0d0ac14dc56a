import { defineConfig } from 'vitest/config';

// vitest 5's reporter calls Map.groupBy (Node 21+) when it prints failures; this machine runs Node 20.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    value<K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> {
      const groups = new Map<K, V[]>();
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts'],
    // harness/examples/vitest/ holds a test file for users' projects (harness/test/vitest-integration.test.ts runs it in one).
    exclude: ['**/node_modules/**', 'harness/dist/**', 'harness/examples/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
