// End-to-end tests pull from the same fixture registry as the integration tests: one per run,
// seeded with every fixture image; tests read its address with inject('registryHost').
export { default } from '../integration/global-setup.js';
