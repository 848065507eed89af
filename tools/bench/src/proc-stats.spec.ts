import { parseStat, parseVmRssKb } from './proc-stats';
import { cpuPercent, ticksBetween } from './process-meter';

describe('/proc readers', () => {
  it('reads VmRSS in kB, NaN without it', () => {
    expect(
      parseVmRssKb('Name:\tnode\nVmHWM:\t  90000 kB\nVmRSS:\t   81234 kB\nRssAnon:\t 1 kB\n'),
    ).toBe(81234);
    expect(parseVmRssKb('Name:\tkworker\n')).toBeNaN();
  });

  it('counts stat fields from the last parenthesis (names may hold spaces and parentheses)', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[4 - 3] = '77'; // ppid
    fields[14 - 3] = '120'; // utime
    fields[15 - 3] = '30'; // stime
    fields[16 - 3] = '999'; // cutime: not ours
    const stat = `4242 (node (worker) x) ${fields.join(' ')}`;
    expect(parseStat(stat)).toEqual({ ppid: 77, ticks: 150 });
  });

  it('turns ticks over a window into percent of one CPU', () => {
    const ticks = ticksBetween({ gateway: 100, kafka: 50 }, { gateway: 130, kafka: 50, fresh: 9 });
    expect(ticks).toEqual({ gateway: 30, kafka: 0 });
    expect(cpuPercent(ticks, 15, 100)).toEqual({ gateway: 2, kafka: 0 });
    expect(cpuPercent({ a: 1 }, 0, 100)['a']).toBeNaN();
  });
});
