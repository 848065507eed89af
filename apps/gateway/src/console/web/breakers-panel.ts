import type { BoardAnswer as Board, BoardBreaker as Breaker } from '../../admin/breaker-answer';
import { badge, h, table, timeOf } from './dom';
import { adminToken, fetchJson } from './http';
import type { Panel } from './panel';

/** Runs an admin action, then tells the page to refresh; `report` shows what happened. */
export type ActionRunner = (label: string, action: () => Promise<unknown>) => void;

/** The admin path of a breaker: the gateway's by name, another process's under its process. */
function breakerPath(breaker: Breaker): string {
  const name = encodeURIComponent(breaker.name);
  return breaker.process === 'gateway'
    ? `/admin/breakers/${name}`
    : `/admin/breakers/${encodeURIComponent(breaker.process)}/${name}`;
}

function actionButtons(breaker: Breaker, run: ActionRunner): Node | string {
  if (!breaker.actions) return 'read-only';
  if (adminToken() === '') return 'token needed';
  const button = (action: 'isolate' | 'reset') =>
    h(
      'button',
      {
        type: 'button',
        'data-action': action,
        'data-breaker': breaker.name,
        'data-process': breaker.process,
        onclick: () =>
          run(`${action} ${breaker.name}`, () =>
            fetchJson(`${breakerPath(breaker)}/${action}`, {
              admin: true,
              method: 'POST',
            }),
          ),
      },
      action,
    );
  return h('span', {}, button('isolate'), ' ', button('reset'));
}

/** Shows every process's breakers: state, window counts, last transition, and isolate/reset for each. */
export async function refreshBreakers(panel: Panel, run: ActionRunner): Promise<void> {
  const board = await fetchJson<Board>('/console/api/breakers');
  const rate = (b: Breaker) =>
    b.failureRate === null ? '—' : `${Math.round(b.failureRate * 100)} %`;
  panel.show(
    table(
      [
        'process',
        'breaker',
        'state',
        'calls',
        'failures',
        'failure rate',
        'last transition',
        'actions',
      ],
      board.breakers.map((b) => [
        b.process,
        h('span', { 'data-breaker-name': `${b.process}/${b.name}`, 'data-state': b.state }, b.name),
        badge(b.state),
        b.calls ?? '—',
        b.failures ?? '—',
        rate(b),
        b.lastTransitionAt === null
          ? b.detail || '—'
          : `${timeOf(b.lastTransitionAt)} ${b.lastTransitionCause ?? ''}`,
        actionButtons(b, run),
      ]),
    ),
    h(
      'p',
      { class: 'note' },
      'sources: ',
      ...board.sources.map((s) =>
        h(
          'span',
          { class: 'source' },
          `${s.process} `,
          badge(s.status),
          s.detail ? ` ${s.detail}` : '',
          ' ',
        ),
      ),
    ),
  );
}
