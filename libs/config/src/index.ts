export { ConfigError, describeIssue, type ConfigIssue } from './config-error';
export {
  boolean,
  duration,
  envVarOf,
  list,
  milliseconds,
  millisecondsOrZero,
  oneOf,
  port,
  positiveInt,
  string,
  url,
  type EnvVarSchema,
} from './env-var';
export {
  defineConfig,
  loadConfig,
  type ConfigOf,
  type ConfigSchema,
  type ConfigShape,
  type Env,
} from './load-config';
export { loadConfigOrExit, type ExitIo } from './load-config-or-exit';
export { DEPLOY_ENVS, PRODUCTION_ENV, secret } from './secret';
export { LOG_LEVELS, serviceEnvShape, type ServiceEnvDefaults } from './service-env-shape';
export { grpcAddress } from './grpc-address';
export { grpcServerEnvShape } from './grpc-server-env-shape';
export { databaseEnvShape } from './database-env-shape';
export { kafkaEnvShape } from './kafka-env-shape';
export { storeServiceEnvShape } from './store-service-env-shape';
