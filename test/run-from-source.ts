/**
 * Mocha setup: tests run the TypeScript sources. bin/jobbench.js would run dist/ when a build exists, which may
 * be older than the sources under test; JOBBENCH_FROM_SOURCE=1, inherited by every process a test starts
 * (bin/jobbench.js, transform workers), makes it run the sources through tsx. test/build.test.ts clears it to
 * test the build itself.
 */
process.env.JOBBENCH_FROM_SOURCE = '1';
