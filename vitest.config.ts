// Test runner settings: pure unit tests, and tests against real local services (DynamoDB Local, local SES, CDK synth).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/infra/**/*.test.ts'],
          // Starts DynamoDB Local and the local SES once for these tests (Java 17+ needed).
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
