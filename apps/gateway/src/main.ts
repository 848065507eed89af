// Composition root of the gateway. Telemetry first: it must patch fastify, grpc-js and kafkajs before they load.
import { config, telemetry } from './telemetry';
import { defaultBreakerRegistry } from '@gaara/resilience';
import { runService } from '@gaara/service';
import { gatewayOptionsFromConfig } from './gateway-options';
import { wireGateway } from './gateway-parts';
import { listenGateway } from './listen-gateway';

const logger = telemetry.logger;
const { metricsRequestHandler: metrics } = telemetry;

// Bound 4 s: the launcher and orchestrators SIGKILL 5 s after SIGTERM.
void runService(telemetry, { name: 'gateway', stopBoundMs: 4000 }, async (parts) => {
  const gateway = wireGateway(
    gatewayOptionsFromConfig(config, { registry: defaultBreakerRegistry, logger, metrics }),
  );
  parts.onStop('Kafka publisher', () => gateway.disconnect());
  await parts.start(
    'HTTP server',
    listenGateway(gateway, { host: config.GAARA_HTTP_HOST, port: config.GAARA_HTTP_PORT, logger }),
  );
});
