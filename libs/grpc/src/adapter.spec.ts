import { testingV1 } from '@gaara/contracts';
import { createClient, type GrpcClient } from './client/create-client';
import {
  CancelledError,
  DeadlineExceededError,
  FailedPreconditionError,
  InternalError,
  InvalidArgumentError,
  NotFoundError,
} from './errors/grpc-service-error';
import { startGrpcServer, type GrpcServer } from './server/start-grpc-server';
import {
  collect,
  echoImplementation,
  newProbe,
  RecordingLogger,
  type EchoProbe,
} from './testing/echo-fixture';

describe('protobuf-es ⇄ grpc-js adapter over loopback', () => {
  let server: GrpcServer;
  let client: GrpcClient<typeof testingV1.EchoService>;
  let probe: EchoProbe;
  const logger = new RecordingLogger();

  beforeAll(async () => {
    server = await startGrpcServer({
      port: 0,
      services: [
        { service: testingV1.EchoService, implementation: echoImplementation(() => probe) },
      ],
      logger,
      handleSignals: false,
    });
    client = createClient(testingV1.EchoService, `127.0.0.1:${server.port}`);
  });

  beforeEach(() => {
    probe = newProbe();
    logger.errors.length = 0;
  });

  afterAll(async () => {
    client.close();
    await server.shutdown();
  });

  it('answers a unary call', async () => {
    const response = await client.echo({ message: 'hello' });
    expect(response.message).toBe('hello');
    expect(response.$typeName).toBe('gaara.testing.v1.EchoResponse');
  });

  it('streams a server-streaming call to the end', async () => {
    const { items, error } = await collect(client.countUp({ upTo: 4 }));
    expect(error).toBeUndefined();
    expect(items.map((item) => item.value)).toEqual([1, 2, 3, 4]);
  });

  it('maps NotFoundError to NOT_FOUND and back to a typed error', async () => {
    const error: unknown = await client.echo({ message: 'not-found' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'No echo named "not-found"' });
  });

  it('carries InvalidArgumentError field violations to the client', async () => {
    const error: unknown = await client.echo({ message: 'invalid' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'Echo request is invalid',
      violations: [{ field: 'message', description: 'must not be "invalid"' }],
    });
  });

  it('turns an unknown error into INTERNAL without leaking it, and logs it server-side', async () => {
    const error: unknown = await client.echo({ message: 'boom' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalError);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'Internal error' });
    expect(JSON.stringify(error)).not.toContain('hunter2');
    expect(String((error as InternalError).details)).not.toContain('hunter2');
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]?.obj).toMatchObject({
      grpcMethod: '/gaara.testing.v1.EchoService/Echo',
    });
  });

  it('fails with DEADLINE_EXCEEDED when the handler is slower than the deadline, aborting its signal', async () => {
    const error: unknown = await client
      .echo({ message: 'slow', delayMs: 2000 }, { deadlineMs: 50 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(error).toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    const reason = await probe.aborted.promise;
    expect(reason).toBeInstanceOf(Error);
    expect(logger.errors).toHaveLength(0);
  });

  it('cancels the call on the server when the client aborts its signal', async () => {
    const controller = new AbortController();
    const pending = client.echo({ message: 'slow', delayMs: 2000 }, { signal: controller.signal });
    await probe.started.promise;
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    await expect(probe.aborted.promise).resolves.toBeInstanceOf(CancelledError);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      client.echo({ message: 'x' }, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(CancelledError);
  });

  it('ends a stream whose iterator throws midway with exactly one mapped status', async () => {
    const { items, error } = await collect(client.countUp({ upTo: 102 }));
    expect(items.map((item) => item.value)).toEqual([1, 2]);
    expect(error).toBeInstanceOf(FailedPreconditionError);
    expect(error).toMatchObject({ code: 'FAILED_PRECONDITION', message: 'Stopped after 2' });
    await probe.streamFinished.promise;
  });

  it('ends a stream whose iterator throws an unknown error with INTERNAL, without leaking', async () => {
    const { items, error } = await collect(client.countUp({ upTo: 201 }));
    expect(items.map((item) => item.value)).toEqual([1]);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'Internal error' });
    expect(logger.errors).toHaveLength(1);
  });

  it('returns the server generator when the client stops reading early', async () => {
    for await (const item of client.countUp({ upTo: 50, delayMs: 10 }, { deadlineMs: 5000 })) {
      if (item.value === 2) break;
    }
    await expect(probe.aborted.promise).resolves.toBeInstanceOf(CancelledError);
    await probe.streamFinished.promise;
  });

  it('cancels a stream when the client aborts its signal', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const error: unknown = await (async () => {
      for await (const item of client.countUp(
        { upTo: 50, delayMs: 10 },
        { signal: controller.signal },
      )) {
        seen.push(item.value);
        if (item.value === 2) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(seen.slice(0, 2)).toEqual([1, 2]);
    await probe.streamFinished.promise;
  });

  it('hands request metadata to the handler', async () => {
    const response = await client.echo(
      { message: 'metadata' },
      { metadata: { 'x-request-id': 'abc' } },
    );
    expect(response.message).toBe('abc');
  });
});
