import { ControlValidationError } from '../errors';
import type { FaultUpdate } from '../faults/fault-settings';
import { faultFieldParsers, isFaultField } from '../faults/parse-fault-update';
import type { ProviderSettings } from '../providers/provider-module';
import type { ProviderUpdate } from '../providers/provider-runtime';

/**
 * Validates a control body made of fault fields and, when the provider has any, its own settings;
 * nothing is applied unless every field is valid.
 * @throws ControlValidationError naming the first offending field (`body` when it is not an object)
 */
export function parseProviderUpdate(body: unknown, settings?: ProviderSettings): ProviderUpdate {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ControlValidationError('body', 'must be a JSON object');
  }
  const faults: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (isFaultField(key)) {
      faults[key] = faultFieldParsers[key](value, key);
    } else if (settings !== undefined && Object.hasOwn(settings.parsers, key)) {
      const parse = settings.parsers[key];
      if (parse !== undefined) values[key] = parse(value, key);
    } else {
      const known = settings === undefined ? 'fault field' : 'fault field or provider setting';
      throw new ControlValidationError(key, `is not a known ${known}`);
    }
  }
  return { faults: faults as FaultUpdate, settings: values };
}
