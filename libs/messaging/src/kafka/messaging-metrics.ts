import { createNoopMeter, type Counter, type Histogram, type Meter } from '@opentelemetry/api';

/** Outcome label of messaging_messages_total. */
export type MessageOutcomeLabel = 'done' | 'retry' | 'dead' | 'poison' | 'defer';
/** Reason label of messaging_dead_letters_total (the full reason travels in the gaara-dead-letter-reason header). */
export type DeadLetterReasonLabel = 'retries exhausted' | 'poison' | 'dead';

/** The instruments of this library on one Meter (or a no-op meter when none is given). */
export class MessagingMetrics {
  private readonly lateness: Histogram;
  private readonly early: Counter;
  private readonly messages: Counter;
  private readonly deadLetters: Counter;
  private readonly deferrals: Counter;

  constructor(meter: Meter = createNoopMeter()) {
    this.lateness = meter.createHistogram('messaging_retry_lateness_ms', {
      description: 'Time between a retry message becoming due and its handling started',
      unit: 'ms',
    });
    this.early = meter.createCounter('messaging_retry_early_total', {
      description:
        'Retry messages found not yet due right before handle (then not handled); must stay 0',
    });
    this.messages = meter.createCounter('messaging_messages_total', {
      description: 'Messages consumed, by topic and outcome',
    });
    this.deadLetters = meter.createCounter('messaging_dead_letters_total', {
      description: 'Messages moved to a dead-letter topic, by source topic and reason',
    });
    this.deferrals = meter.createCounter('messaging_deferrals_total', {
      description: 'Work items put back on their own tier without using an attempt, by topic',
    });
  }

  /** @param latenessMs how long after its due time the handling started, in milliseconds */
  retryLateness(topic: string, latenessMs: number): void {
    this.lateness.record(latenessMs, { topic });
  }

  retryEarly(topic: string): void {
    this.early.add(1, { topic });
  }

  message(topic: string, outcome: MessageOutcomeLabel): void {
    this.messages.add(1, { topic, outcome });
  }

  deferral(topic: string): void {
    this.deferrals.add(1, { topic });
  }

  deadLetter(topic: string, reason: DeadLetterReasonLabel): void {
    this.deadLetters.add(1, { topic, reason });
  }

  /** Gives each of `topics` its dead-letter series at 0, so an alert on their increase fires on the first one. */
  startAtZero(topics: readonly string[]): void {
    for (const topic of topics) {
      for (const reason of DEAD_LETTER_REASONS) this.deadLetters.add(0, { topic, reason });
    }
  }
}

const DEAD_LETTER_REASONS: readonly DeadLetterReasonLabel[] = [
  'retries exhausted',
  'poison',
  'dead',
];
