import type { ProviderModule } from '../provider-module';

/** SMTP envelope of one transaction. */
export interface SmtpEnvelope {
  readonly mailFrom: string | undefined;
  readonly rcptTo: readonly string[];
}

/**
 * A fake third party reached over SMTP; the parallel of HttpProviderModule. The runtime owns the
 * SMTP server, the listener and the faults; the module only decides what an accepted message becomes.
 */
export interface SmtpProviderModule extends ProviderModule {
  /**
   * Takes a message that passed the fault gate, raw RFC 5322 bytes as received after DATA.
   * @returns the id the 250 reply names
   */
  accept(raw: Buffer, envelope: SmtpEnvelope): Promise<string>;
}
