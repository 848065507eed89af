import { loadedTooEarly } from './loaded-too-early';

describe('loadedTooEarly', () => {
  it('names the instrumented packages already in the require cache', () => {
    const cache = {
      '/app/node_modules/@grpc/grpc-js/build/src/index.js': {},
      '/app/node_modules/zod/index.js': {},
      '/app/node_modules/kafkajs/index.js': {},
    };
    expect(loadedTooEarly(cache)).toEqual(['@grpc/grpc-js', 'kafkajs']);
    expect(loadedTooEarly({})).toEqual([]);
  });
});
