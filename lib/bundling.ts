// How a job's handler is bundled: one set of esbuild settings shared by the stack and the bundle benchmark.

/** The Lambda runtime's Node.js major version; the bundle targets it. */
export const NODE_MAJOR = 22;

/**
 * ESM output keeps import/export statements for tree shaking; the banner gives CommonJS dependencies
 * that call `require` (nodemailer, the X-Ray SDK) a working one inside the ES module.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __rmRadarCreateRequire } from 'node:module'; const require = __rmRadarCreateRequire(import.meta.url);";

export const BUNDLE_SETTINGS = {
  platform: 'node',
  target: `node${NODE_MAJOR}`,
  format: 'esm',
  minify: true,
  sourcemap: true,
  /** Prefer packages' ES module builds, which tree-shake. */
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  /** The AWS SDK is bundled, not taken from the runtime: the version the tests ran with, tree-shaken. */
  bundleAwsSdk: true,
  /** Executed with --enable-source-maps so stack traces point into the TypeScript sources. */
  nodeOptions: '--enable-source-maps',
} as const;
