import { eventually, kafkaSpec, recordingLogger, uniqueTopicPrefix } from '../testing';

// kafkajs 2.2.4 logs this when an idempotent producer has bounded retries (producer/index.js).
const EOS_WARNING = 'Limiting retries for the idempotent producer may invalidate EoS guarantees';

const logger = recordingLogger();
const spec = kafkaSpec('publisher-spec', logger);
const topic = `${uniqueTopicPrefix()}published`;

beforeAll(async () => {
  await spec.start();
}, 30_000);

afterAll(() => spec.stop(), 30_000);

describe('connectPublisher', () => {
  it('publishes (acks -1) without kafkajs warning that limited retries invalidate EoS', async () => {
    const recorder = await spec.record([topic]);
    await spec.publisher.publish(topic, [{ key: 'k', value: 'one' }]);
    await eventually(() => recorder.on(topic).length === 1, 15_000);
    expect(recorder.on(topic)[0]?.value).toBe('one');
    // The producers were created (they just published), so any warning of their creation is recorded by now.
    expect(logger.lines.filter((line) => line.msg.includes(EOS_WARNING))).toEqual([]);
  }, 30_000);
});
