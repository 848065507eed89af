// Public API of @gaara/testing: helpers of specs in every project (no production code imports it).
export { eventually } from './eventually';
