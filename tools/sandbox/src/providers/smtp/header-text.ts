import type { AddressObject, HeaderValue } from 'mailparser';

function isAddressObject(value: object): value is AddressObject {
  return 'value' in value && 'text' in value && Array.isArray(Reflect.get(value, 'value'));
}

/** One parsed header value as text: addresses as written, dates in ISO 8601, structured values without params. */
export function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(', ');
  if (value instanceof Date) return value.toISOString();
  if (isAddressObject(value)) return value.text;
  const structured = Reflect.get(value, 'value');
  return typeof structured === 'string' ? structured : JSON.stringify(value);
}
