// Composition root of the aggregator. Telemetry first: it must patch grpc-js and kafkajs before they load.
import { config, telemetry } from './telemetry';
import { aggregatorV1 } from '@gaara/contracts';
import { defaultBreakerRegistry } from '@gaara/resilience';
import { runService, serveGrpc } from '@gaara/service';
import { aggregatorOptionsFromConfig } from './aggregator-options';
import { buildAggregator } from './build-aggregator';

const logger = telemetry.logger;

void runService(telemetry, { name: 'aggregator' }, async (parts) => {
  const aggregator = buildAggregator(
    aggregatorOptionsFromConfig(config, { registry: defaultBreakerRegistry, logger }),
  );
  parts.onStop('service clients', () => aggregator.close());
  const { implementation } = aggregator;
  await parts.start(
    'gRPC server',
    serveGrpc({
      host: config.GAARA_GRPC_HOST,
      port: config.GAARA_GRPC_PORT,
      services: [{ service: aggregatorV1.AggregatorService, implementation }],
      logger,
    }),
  );
});
