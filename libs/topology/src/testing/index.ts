// Test helpers of @gaara/topology: publishing messages as their producers do.
export { publishPaymentEvent } from './publish-payment-event';
