import type { DependencyReport } from '@gaara/health';

/** Something the health view asks for entries besides the gRPC services; never rejects. */
export interface DependencyProbe {
  probe(): Promise<readonly DependencyReport[]>;
}
