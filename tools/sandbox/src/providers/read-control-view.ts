import { UnknownControlViewError } from '../errors';
import type { ProviderModule } from './provider-module';

/**
 * Reads the control view `view` of a provider module.
 * @throws UnknownControlViewError when the module does not offer it
 */
export function readControlView(module: ProviderModule, view: string): unknown {
  const views = module.views ?? {};
  const read = Object.hasOwn(views, view) ? views[view] : undefined;
  if (read === undefined) throw new UnknownControlViewError(module.name, view);
  return read();
}
