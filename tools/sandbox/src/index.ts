// Public API of @gaara/sandbox: run the fake third parties in-process and drive their faults.

export { SandboxControlClient, type SandboxControlClientOptions } from './control/control-client';
export type {
  ControlErrorBody,
  ControlUpdate,
  PaymentSettingsUpdate,
  ProviderControlState,
  ProviderEndpoint,
  SandboxProviderName,
} from './control/control-state';
export { sandboxOptionsFromEnv } from './config/sandbox-config';
export {
  ControlValidationError,
  ListenFailedError,
  SandboxConfigError,
  SandboxControlError,
  type SandboxControlErrorDetails,
  SandboxError,
  type SandboxErrorCode,
  UnknownControlViewError,
  UnknownProviderError,
} from './errors';
export type { CallCounters } from './faults/call-counters';
export {
  defaultFaultSettings,
  type FaultSettings,
  type FaultUpdate,
} from './faults/fault-settings';
export type { InjectedFaultBody } from './faults/install-fault-gate';
export type { ExternalDataItem, ExternalDataResponse } from './providers/external/external-data';
export {
  defaultExternalToken,
  externalDataPath,
  type ExternalDataProviderOptions,
} from './providers/external/external-data-provider';
export { declinedToken, invalidToken } from './providers/payment/card-outcome';
export type {
  PaymentCharge,
  PaymentIntentBody,
  StripeErrorBody,
} from './providers/payment/payment-intent';
export {
  defaultPaymentKey,
  type PaymentCallsView,
  type PaymentChargesView,
  type PaymentProviderOptions,
  paymentIntentsPath,
} from './providers/payment/payment-provider';
export type { SmtpMessage, SmtpMessagesView } from './providers/smtp/smtp-message';
export {
  closingReplyCode,
  permanentRejectCode,
  transientRejectCode,
} from './providers/smtp/smtp-rejection';
export { type RunningSandbox, type SandboxOptions, startSandbox } from './sandbox';
