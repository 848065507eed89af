export { toolsConfig as default } from '../../eslint.config.mjs';
