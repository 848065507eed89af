// One panel of the page: its title's source state (ok, down, loading) and its body.

/** A panel's state as its title shows it. */
export type PanelState = 'ok' | 'down' | 'loading';

/** Handle on one `<section data-panel>` of the page. */
export class Panel {
  readonly body: HTMLElement;
  private readonly stateEl: HTMLElement;

  constructor(readonly id: string) {
    const section = document.getElementById(`panel-${id}`);
    const body = section?.querySelector<HTMLElement>('.panel-body');
    const stateEl = section?.querySelector<HTMLElement>('.source-state');
    if (body === null || body === undefined || stateEl === null || stateEl === undefined) {
      throw new Error(`panel ${id} missing from the page`);
    }
    this.body = body;
    this.stateEl = stateEl;
  }

  /** Marks the panel's source as answering. */
  ok(): void {
    this.stateEl.dataset['state'] = 'ok';
    this.stateEl.textContent = 'live';
    this.stateEl.title = '';
  }

  /** Marks the panel's source as down, saying why; the last content stays, greyed out. */
  down(reason: string): void {
    this.stateEl.dataset['state'] = 'down';
    this.stateEl.textContent = `source down: ${reason}`;
    this.stateEl.title = reason;
  }

  /** Replaces the panel's content. */
  show(...nodes: readonly Node[]): void {
    this.body.replaceChildren(...nodes);
  }
}
