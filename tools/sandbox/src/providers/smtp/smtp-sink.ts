import { type AddressObject, simpleParser } from 'mailparser';
import type { SmtpMessage, SmtpMessagesView } from './smtp-message';
import type { SmtpEnvelope, SmtpProviderModule } from './smtp-provider-module';
import { headerText } from './header-text';

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  // Groups (`team: a@x, b@x;`) nest their members one level down.
  return objects
    .flatMap((object) => object.value)
    .flatMap((entry) => (entry.group === undefined ? [entry] : entry.group))
    .flatMap((entry) => (entry.address === undefined ? [] : [entry.address]));
}

/** The SMTP sink: parses every accepted message with mailparser and keeps it until reset, oldest first. */
export function createSmtpSink(): SmtpProviderModule {
  const messages: SmtpMessage[] = [];
  let sequence = 0;

  return {
    name: 'smtp',
    async accept(raw: Buffer, envelope: SmtpEnvelope): Promise<string> {
      const parsed = await simpleParser(raw, { skipImageLinks: true });
      sequence += 1;
      const id = `msg_${sequence}`;
      messages.push({
        id,
        messageId: parsed.messageId,
        from: addressesOf(parsed.from)[0],
        to: addressesOf(parsed.to),
        subject: parsed.subject,
        text: parsed.text,
        html: parsed.html === false ? undefined : parsed.html,
        headers: Object.fromEntries(
          [...parsed.headers].map(([name, value]) => [name, headerText(value)]),
        ),
        envelope: { mailFrom: envelope.mailFrom, rcptTo: [...envelope.rcptTo] },
        receivedAt: new Date().toISOString(),
      });
      return id;
    },
    views: {
      messages: (): SmtpMessagesView => ({ messages: [...messages] }),
    },
    reset() {
      // The sequence keeps counting so an id never names two messages.
      messages.length = 0;
    },
    describe() {
      return { messages: messages.length };
    },
  };
}
