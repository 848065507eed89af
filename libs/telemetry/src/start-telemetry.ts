import { randomUUID } from 'node:crypto';
import { context, diag, DiagLogLevel, metrics, propagation, trace } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import {
  defaultResource,
  detectResources,
  envDetector,
  processDetector,
} from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createLogger } from './create-logger';
import { diagLoggerFor } from './diag-logger';
import { disabledTelemetry } from './disabled-telemetry';
import { createInstrumentations } from './instrumentations';
import { createMetricsExporter } from './metrics-exporter';
import { metricViews } from './metric-views';
import { TelemetryError } from './telemetry-error';
import { TELEMETRY_DEFAULTS, type TelemetryOptions } from './telemetry-options';
import { telemetryResource } from './telemetry-resource';
import type { Telemetry } from './telemetry';
import { settleWithin } from './with-timeout';
import { loadedTooEarly } from './loaded-too-early';

/** The telemetry started in this process, if any: it registers process-wide globals, so only one may run. */
let active: Telemetry | undefined;

/** The telemetry started by {@link startTelemetry} (e.g. through the `register` entry), if running. */
export function getTelemetry(): Telemetry | undefined {
  return active;
}

/**
 * Starts tracing (OTLP http/protobuf, W3C trace context and baggage), Prometheus metrics and the
 * structured logger for this process. Call it before anything instrumented (http, @grpc/grpc-js,
 * pg, kafkajs) is required: CommonJS modules loaded earlier are not traced. Never blocks on the
 * collector: exports run in the background with short timeouts. Throws TelemetryError
 * TELEMETRY_ALREADY_STARTED when called twice without shutdown.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  if (active) {
    throw new TelemetryError(
      'TELEMETRY_ALREADY_STARTED',
      `telemetry already started for ${active.serviceName}`,
    );
  }
  const logger = createLogger({
    serviceName: options.serviceName,
    level: options.logLevel,
    destination: options.logDestination,
  });
  if (options.enabled === false) {
    logger.debug('telemetry disabled: no traces or metrics are exported');
    active = disabledTelemetry(options.serviceName, logger, () => (active = undefined));
    return active;
  }

  const early = loadedTooEarly();
  if (early.length > 0) {
    // An import of config.ts pulled them in before telemetry: keep config modules free of heavy imports.
    logger.error(
      { packages: early },
      'loaded before telemetry started: their calls are not traced',
    );
  }
  const settings = { ...TELEMETRY_DEFAULTS, ...withoutUndefined(options) };
  diag.setLogger(diagLoggerFor(logger), {
    logLevel: DiagLogLevel.WARN,
    suppressOverrideMessage: true,
  });
  const metricsExporter = createMetricsExporter({
    port: settings.metricsPort,
    host: settings.metricsHost,
    logger,
  });
  const instrumentations = createInstrumentations();
  const spanProcessor = new BatchSpanProcessor(
    new OTLPTraceExporter({
      url: `${settings.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`,
      timeoutMillis: settings.exportTimeoutMs,
    }),
    { scheduledDelayMillis: settings.exportDelayMs, exportTimeoutMillis: settings.exportTimeoutMs },
  );
  // The SDK's parts, not @opentelemetry/sdk-node: NodeSDK loads every exporter it could build (OTLP grpc, http
  // and proto for traces, metrics and logs, Zipkin, B3, Jaeger), ~40 MB more RSS per process for code never run.
  // Our identity wins over OTEL_RESOURCE_ATTRIBUTES; hostDetector is left out: its async host.id made early
  // metric scrapes log errors, and host.name is in our resource.
  const resource = defaultResource()
    .merge(detectResources({ detectors: [envDetector, processDetector] }))
    .merge(
      telemetryResource({
        serviceName: settings.serviceName,
        serviceVersion: settings.serviceVersion,
        serviceInstanceId: options.serviceInstanceId ?? randomUUID(),
        deploymentEnvironment: settings.deploymentEnvironment,
      }),
    );
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(
    new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  );
  const meterProvider = new MeterProvider({
    resource,
    readers: [metricsExporter.reader],
    views: metricViews(),
  });
  metrics.setGlobalMeterProvider(meterProvider);
  // The sampler comes from OTEL_TRACES_SAMPLER (parent-based always-on when unset), as with NodeSDK.
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  trace.setGlobalTracerProvider(tracerProvider);
  registerInstrumentations({ instrumentations, tracerProvider, meterProvider });

  const { shutdownTimeoutMs } = settings;
  let stopping: Promise<void> | undefined;
  const telemetry: Telemetry = {
    enabled: true,
    serviceName: settings.serviceName,
    logger,
    tracer: trace.getTracer(settings.serviceName, settings.serviceVersion),
    meter: metrics.getMeter(settings.serviceName, settings.serviceVersion),
    meterProvider: metrics.getMeterProvider(),
    getMeter: (name, version) => metrics.getMeter(name, version),
    metricsRequestHandler: metricsExporter.requestHandler,
    metricsServerReady: metricsExporter.serverReady,
    flush: async () => {
      const outcome = await settleWithin(spanProcessor.forceFlush(), shutdownTimeoutMs);
      if (outcome.status !== 'done')
        logger.warn(
          { outcome: outcome.status, err: outcome.status === 'failed' ? outcome.error : undefined },
          'span flush did not complete',
        );
    },
    shutdown: () => {
      stopping ??= (async () => {
        const outcome = await settleWithin(
          Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]),
          shutdownTimeoutMs,
        );
        if (outcome.status === 'timed-out') {
          logger.warn(
            { timeoutMs: shutdownTimeoutMs },
            'telemetry shutdown timed out; unsent spans are dropped',
          );
        } else if (outcome.status === 'failed') {
          logger.warn({ err: outcome.error }, 'telemetry shutdown failed');
        }
        for (const instrumentation of instrumentations) instrumentation.disable();
        // Clearing the globals lets a later start (e.g. the next test) register again.
        trace.disable();
        metrics.disable();
        propagation.disable();
        context.disable();
        diag.disable();
        active = undefined;
      })();
      return stopping;
    },
  };
  active = telemetry;
  return telemetry;
}

/** Drops keys set to `undefined` so they do not override defaults when spread. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
