import { closedObject } from './schema-parts';

/** GET /api/external-data's 200, as the spec shows it. */
export const externalDataSchema = {
  $id: 'ExternalData',
  ...closedObject(
    {
      success: { const: true },
      data: { description: "the external API's answer, as it sent it" },
      cached: { const: true, description: 'present when this is the last good copy' },
    },
    ['cached'],
  ),
} as const;

/** GET /api/external-data's 503, as the spec shows it. */
export const externalDataUnavailableSchema = {
  $id: 'ExternalDataUnavailable',
  ...closedObject({ success: { const: false }, error: { const: 'Service unavailable' } }),
} as const;
