import { hostname } from 'node:os';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

// Not yet stable in semantic-conventions; copied as advised instead of importing the incubating entry.
const ATTR_SERVICE_INSTANCE_ID = 'service.instance.id';
const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';
// The pre-1.27 name, still what Jaeger's UI and older dashboards read.
const ATTR_DEPLOYMENT_ENVIRONMENT = 'deployment.environment';
const ATTR_HOST_NAME = 'host.name';

export interface ServiceIdentity {
  readonly serviceName: string;
  readonly serviceVersion: string;
  readonly serviceInstanceId: string;
  readonly deploymentEnvironment: string;
}

/** The OpenTelemetry resource that names this process on every span and metric. */
export function telemetryResource(identity: ServiceIdentity): Resource {
  return resourceFromAttributes({
    [ATTR_SERVICE_NAME]: identity.serviceName,
    [ATTR_SERVICE_VERSION]: identity.serviceVersion,
    [ATTR_SERVICE_INSTANCE_ID]: identity.serviceInstanceId,
    [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: identity.deploymentEnvironment,
    [ATTR_DEPLOYMENT_ENVIRONMENT]: identity.deploymentEnvironment,
    [ATTR_HOST_NAME]: hostname(),
  });
}
