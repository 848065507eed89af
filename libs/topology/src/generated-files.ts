import { topicsJsonPath, renderTopicsJson } from './topics-json';
import {
  COMPOSE_PROCESSES,
  composeEnvFilePath,
  renderComposeEnvFile,
} from './wiring/compose-env-files';

/** A file derived from the declared topology: its path from the repository root and its whole text. */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

/** Every file `npm run topology:generate` writes; `npm test` checks each is fresh. */
export function generatedFiles(): GeneratedFile[] {
  return [
    { path: topicsJsonPath, text: renderTopicsJson() },
    ...COMPOSE_PROCESSES.map((name) => ({
      path: composeEnvFilePath(name),
      text: renderComposeEnvFile(name),
    })),
  ];
}
