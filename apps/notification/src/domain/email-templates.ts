import type { FieldViolation } from '@gaara/grpc';
import { formatMinorUnits } from './format-money';

/** A rendered e-mail body. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
}

interface EmailTemplate {
  /** Params that must be present and non-empty. */
  readonly required: readonly string[];
  /** Checks params beyond presence; returns violations. */
  validate(params: Readonly<Record<string, string>>): FieldViolation[];
  render(params: Readonly<Record<string, string>>): RenderedEmail;
}

const INTEGER = /^-?[0-9]{1,18}$/;
const CURRENCY = /^[A-Za-z]{3}$/;

const invoiceReceipt: EmailTemplate = {
  required: ['invoice_id', 'amount_minor', 'currency'],
  validate: (params) => {
    const violations: FieldViolation[] = [];
    if (!INTEGER.test(params['amount_minor'] ?? '')) {
      violations.push({ field: 'params.amount_minor', description: 'must be an integer' });
    }
    const currency = params['currency'] ?? '';
    if (!CURRENCY.test(currency) || !isKnownCurrency(currency)) {
      violations.push({ field: 'params.currency', description: 'must be an ISO 4217 code' });
    }
    return violations;
  },
  render: (params) => {
    const invoiceId = params['invoice_id'] ?? '';
    const amount = formatMinorUnits(
      BigInt(params['amount_minor'] ?? '0'),
      params['currency'] ?? '',
    );
    const payment = params['payment_id'] ? `\nPayment reference: ${params['payment_id']}` : '';
    return {
      subject: `Your receipt for invoice ${invoiceId}`,
      text:
        `Thank you for your payment.\n\nInvoice: ${invoiceId}\nAmount paid: ${amount}${payment}\n\n` +
        `Gaara Store`,
    };
  },
};

/** Templates by name; SendEmail and the payment-event path accept only these. */
const templates: Readonly<Record<string, EmailTemplate>> = { invoice_receipt: invoiceReceipt };

/** Names of the known templates. */
export const TEMPLATE_NAMES: readonly string[] = Object.keys(templates);

/** Violations of `params` for `template` (unknown template, missing or malformed params); empty when fine. */
export function templateViolations(
  template: string,
  params: Readonly<Record<string, string>>,
): FieldViolation[] {
  const definition = Object.hasOwn(templates, template) ? templates[template] : undefined;
  if (definition === undefined) {
    return [{ field: 'template', description: `must be one of ${TEMPLATE_NAMES.join(', ')}` }];
  }
  const missing = definition.required
    .filter((name) => (params[name] ?? '').trim() === '')
    .map((name) => ({ field: `params.${name}`, description: 'is required' }));
  return missing.length > 0 ? missing : definition.validate(params);
}

/** Renders a template whose params passed {@link templateViolations}. */
export function renderTemplate(
  template: string,
  params: Readonly<Record<string, string>>,
): RenderedEmail {
  const definition = templates[template];
  if (definition === undefined) throw new RangeError(`unknown template ${template}`);
  return definition.render(params);
}

function isKnownCurrency(code: string): boolean {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code.toUpperCase() });
    return true;
  } catch {
    return false;
  }
}
