import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatedFiles } from './generated-files';
import {
  COMPOSE_PROCESSES,
  composeEnvFilePath,
  renderComposeEnvFile,
} from './wiring/compose-env-files';

const root = resolve(__dirname, '../../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

describe('files generated from the declared topology', () => {
  it.each(generatedFiles().map((f) => [f.path, f.text]))(
    '%s is fresh (regenerate with npm run topology:generate)',
    (path, text) => {
      expect(read(path)).toBe(text);
    },
  );
});

describe('docker-compose.yml takes its wiring from the generated env files', () => {
  const compose = read('docker-compose.yml');
  /** The lines of one service's block in compose. */
  const block = (name: string): string => {
    const start = compose.indexOf(`\n  ${name}:\n`);
    const end = compose.slice(start + 1).search(/\n {2}[a-z-]+:\n/);
    return compose.slice(start, start + 1 + end);
  };
  const keys = (name: (typeof COMPOSE_PROCESSES)[number]): string[] =>
    renderComposeEnvFile(name)
      .split('\n')
      .filter((line) => /^[A-Z]/.test(line))
      .map((line) => line.slice(0, line.indexOf('=')));

  it.each(COMPOSE_PROCESSES)('%s reads its env file and restates none of its variables', (name) => {
    const service = block(name);
    expect(service).toContain(`env_file: ${composeEnvFilePath(name)}`);
    for (const key of keys(name)) expect(service).not.toMatch(new RegExp(`\\n\\s+${key}:`));
  });

  it.each(COMPOSE_PROCESSES)(
    'every variable generated for %s is one its configuration reads',
    (name) => {
      const sources = (dir: string): string =>
        readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
          .map((f) => read(join(dir, f)))
          .join('\n');
      const app = name === 'sandbox' ? 'tools/sandbox/src' : `apps/${name}/src`;
      const readers = `${sources(app)}\n${sources('libs/config/src')}`;
      // NODE_OPTIONS is read by node itself (SERVICE_NODE_OPTIONS), not by a configuration.
      for (const key of keys(name).filter((k) => k !== 'NODE_OPTIONS'))
        expect(readers).toContain(key);
    },
  );
});
