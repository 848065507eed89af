import { UsageError } from './dlt-errors';
import { parseArgs, usage } from './parse-args';

describe('parseArgs', () => {
  it.each([
    [['list', 'payments'], { kind: 'list', queue: 'payments', limit: 100 }],
    [['list', 'notifications', '--limit', '5'], { kind: 'list', queue: 'notifications', limit: 5 }],
    [['list', 'payments', '--limit=500'], { kind: 'list', queue: 'payments', limit: 500 }],
    [
      ['replay', 'payments', '--all'],
      { kind: 'replay', queue: 'payments', selector: { all: true } },
    ],
    [
      ['replay', 'notifications', '--entry', '2:42'],
      { kind: 'replay', queue: 'notifications', selector: { partition: 2, offset: '42' } },
    ],
    [
      ['replay', 'payments', '--entry=0:9007199254740993'],
      { kind: 'replay', queue: 'payments', selector: { partition: 0, offset: '9007199254740993' } },
    ],
    [['list', 'invoice'], { kind: 'list', queue: 'invoice', limit: 100 }],
    [['list', 'catalog', '--limit', '7'], { kind: 'list', queue: 'catalog', limit: 7 }],
    [['replay', 'invoice', '--all'], { kind: 'replay', queue: 'invoice', selector: { all: true } }],
    [
      ['replay', 'catalog', '--entry', '1:3'],
      { kind: 'replay', queue: 'catalog', selector: { partition: 1, offset: '3' } },
    ],
    [['--help'], { kind: 'help' }],
    [['-h'], { kind: 'help' }],
  ])('%j → %j', (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  it.each([
    [[], /command is required/],
    [['purge', 'payments'], /unknown command "purge"/],
    [['list'], /queue must be one of payments, notifications, invoice, catalog, got ""/],
    [['list', 'invoices'], /queue must be one of/],
    [['replay', 'payments.events', '--all'], /queue must be one of/],
    [['list', 'orders'], /queue must be one of/],
    [['list', 'payments', '--limit'], /--limit needs a value/],
    [['list', 'payments', '--limit', '0'], /--limit must be an integer 1..500/],
    [['list', 'payments', '--limit', '501'], /--limit must be/],
    [['list', 'payments', '--limit', 'ten'], /--limit must be/],
    [['list', 'payments', '--limit', '5', '--limit', '6'], /given twice/],
    [['list', 'payments', '--all'], /unknown option --all/],
    [['list', 'payments', 'extra'], /unexpected argument "extra"/],
    [['replay', 'payments'], /exactly one of --all or --entry/],
    [['replay', 'payments', '--all', '--entry', '0:1'], /exactly one of/],
    [['replay', 'payments', '--all=yes'], /--all takes no value/],
    [['replay', 'payments', '--entry', '0'], /--entry must be <partition>:<offset>/],
    [['replay', 'payments', '--entry', 'a:1'], /--entry must be/],
    [['replay', 'payments', '--entry', '0:-1'], /--entry must be/],
    [['replay', 'payments', '--limit', '3'], /unknown option --limit/],
  ])('%j → UsageError %s', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('usage', () => {
  it('names every dead-letter queue', () => {
    expect(usage).toContain('dlt list <payments|notifications|invoice|catalog> [--limit N]');
    expect(usage).toContain('dlt replay <payments|notifications|invoice|catalog> (--all');
  });
});
