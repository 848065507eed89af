// Test helpers other services may use to run a real catalog in-process.
export { startTestCatalog, type TestCatalog } from './test-catalog';
