// Public surface of @gaara/contracts: the code protoc-gen-es generates from proto/ (in ./gen, committed,
// never edited by hand; regenerate with `npm run contracts:generate`). One namespace per proto package,
// so names never collide, e.g. `catalogV1.CatalogService`, `catalogV1.ProductSchema`, `catalogV1.Product`.
import type { DescFile } from '@bufbuild/protobuf';
import { file_gaara_aggregator_v1_aggregator } from './gen/gaara/aggregator/v1/aggregator_pb';
import { file_gaara_catalog_v1_catalog } from './gen/gaara/catalog/v1/catalog_pb';
import { file_gaara_common_v1_breaker_admin } from './gen/gaara/common/v1/breaker_admin_pb';
import { file_gaara_common_v1_resilience } from './gen/gaara/common/v1/resilience_pb';
import { file_gaara_invoice_v1_invoice } from './gen/gaara/invoice/v1/invoice_pb';
import { file_gaara_notification_v1_notification } from './gen/gaara/notification/v1/notification_pb';
import { file_gaara_payment_v1_payment } from './gen/gaara/payment/v1/payment_pb';
import { file_gaara_testing_v1_echo } from './gen/gaara/testing/v1/echo_pb';
import { file_grpc_health_v1_health } from './gen/grpc/health/v1/health_pb';

/** gaara.common.v1: breaker state and topic depth, shared by the services' stats and the health view. */
export * as commonV1 from './gen/gaara/common/v1/resilience_pb';
/** gaara.common.v1's BreakerAdminService (list, isolate, reset a process's breakers), served by every service. */
export * as breakerAdminV1 from './gen/gaara/common/v1/breaker_admin_pb';
/** gaara.catalog.v1: CatalogService, Product. */
export * as catalogV1 from './gen/gaara/catalog/v1/catalog_pb';
/** gaara.invoice.v1: InvoiceService, Invoice, InvoiceStatus. */
export * as invoiceV1 from './gen/gaara/invoice/v1/invoice_pb';
/** gaara.payment.v1: PaymentService, Payment, PaymentStatus, PaymentStats. */
export * as paymentV1 from './gen/gaara/payment/v1/payment_pb';
/** gaara.notification.v1: NotificationService, EmailStatus, NotificationStats. */
export * as notificationV1 from './gen/gaara/notification/v1/notification_pb';
/** gaara.aggregator.v1: AggregatorService, the dashboard sections and the health report. */
export * as aggregatorV1 from './gen/gaara/aggregator/v1/aggregator_pb';
/** grpc.health.v1: the canonical gRPC health service (Health.Check / Health.Watch). */
export * as healthV1 from './gen/grpc/health/v1/health_pb';
/** gaara.testing.v1: EchoService, for libs/grpc's tests only. */
export * as testingV1 from './gen/gaara/testing/v1/echo_pb';

/**
 * Every generated proto file, for building a registry (`createRegistry(...contractFiles)`), e.g. for
 * gRPC server reflection or JSON with google.protobuf.Any. Imports (well-known types, shared files) are
 * reachable through each file's `dependencies`.
 */
export const contractFiles: readonly DescFile[] = [
  file_gaara_common_v1_resilience,
  file_gaara_common_v1_breaker_admin,
  file_gaara_catalog_v1_catalog,
  file_gaara_invoice_v1_invoice,
  file_gaara_payment_v1_payment,
  file_gaara_notification_v1_notification,
  file_gaara_aggregator_v1_aggregator,
  file_grpc_health_v1_health,
  file_gaara_testing_v1_echo,
];
