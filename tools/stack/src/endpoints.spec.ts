import { stackEndpoints } from './endpoints';

describe('stackEndpoints', () => {
  it('uses the documented default ports', () => {
    expect(stackEndpoints({})).toEqual({
      postgresUrl: 'postgres://gaara:gaara@127.0.0.1:5432/gaara',
      kafkaBrokers: ['127.0.0.1:9092'],
      kafkaChaos: { listener: '127.0.0.1:9094', advertised: '127.0.0.1:9095' },
      jaegerQueryUrl: 'http://127.0.0.1:16686',
      jaegerOtlpGrpc: '127.0.0.1:4317',
      jaegerOtlpHttpUrl: 'http://127.0.0.1:4318',
      prometheusUrl: 'http://127.0.0.1:9090',
    });
  });

  it('follows the GAARA_* port variables', () => {
    const endpoints = stackEndpoints({
      GAARA_PG_PORT: '15432',
      GAARA_KAFKA_PORT: '19092',
      GAARA_JAEGER_QUERY_PORT: '26686',
      GAARA_PROMETHEUS_PORT: '19090',
    });
    expect(endpoints.postgresUrl).toBe('postgres://gaara:gaara@127.0.0.1:15432/gaara');
    expect(endpoints.kafkaBrokers).toEqual(['127.0.0.1:19092']);
    expect(endpoints.jaegerQueryUrl).toBe('http://127.0.0.1:26686');
    expect(endpoints.prometheusUrl).toBe('http://127.0.0.1:19090');
  });

  it('rejects a port that is not a number', () => {
    expect(() => stackEndpoints({ GAARA_PG_PORT: 'five' })).toThrow(/GAARA_PG_PORT/);
  });
});
