// Mutation testing of the code where a bug costs money or leaks data (issue #17).
// `npm run test:mutation`; not part of `npm test` (see README, "Mutation testing").
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // Each mutant runs only the tests that executed it in the dry run.
  coverageAnalysis: "perTest",
  // Module-level code (constants) would run every test for each of its mutants.
  ignoreStatic: true,
  mutate: [
    "src/bot/html.ts",
    "src/providers/giapi/webhook-signature.ts",
  ],
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  // The machines have 2 cores shared with other work; e2e tests are timing-sensitive.
  concurrency: 1,
  timeoutMS: 20_000,
  timeoutFactor: 2,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  thresholds: { high: 90, low: 85, break: null },
};
