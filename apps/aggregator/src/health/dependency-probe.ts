import type { DependencyReport } from '@gaara/health';

/** Something the health view asks for entries besides the gRPC services; never rejects. */
export interface DependencyProbe {
  probe(): Promise<readonly DependencyReport[]>;
  /** The entries to report when {@link probe} did not answer within the health view's budget (`budgetMs`, ms). */
  late(budgetMs: number): readonly DependencyReport[];
}
