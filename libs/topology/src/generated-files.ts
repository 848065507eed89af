import { topicsJsonPath, renderTopicsJson } from './topics-json';
import {
  COMPOSE_PROCESSES,
  composeEnvFilePath,
  renderComposeEnvFile,
} from './wiring/compose-env-files';
import {
  K8S_PROCESSES,
  k8sEnvFilePath,
  k8sTopicsListPath,
  renderK8sEnvFile,
  renderK8sPlatformEnvFile,
  renderK8sTopicsList,
} from './wiring/k8s-files';

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
    // Kubernetes: kustomize's configMapGenerator reads the env files, Job kafka-topics the topic list.
    ...K8S_PROCESSES.map((name) => ({ path: k8sEnvFilePath(name), text: renderK8sEnvFile(name) })),
    { path: k8sEnvFilePath('platform'), text: renderK8sPlatformEnvFile() },
    { path: k8sTopicsListPath, text: renderK8sTopicsList() },
  ];
}
