// Test runner settings: pure unit tests, CDK synth tests, and tests against real local services (DynamoDB Local, local SES).
import { defineConfig } from 'vitest/config';

// Every test runs west of UTC whatever the machine's zone, so a date read in the process's zone instead of
// the configured one is a day off and fails; test/unit/core/calendar-time-zones.test.ts tries other zones.
process.env.TZ = 'America/New_York';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // Synthesises the stack and bundles the functions: no local services, no Java.
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Starts DynamoDB Local and the local SES once for these tests (Java 17+ needed).
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
