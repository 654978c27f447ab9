import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';

describe('log lines', () => {
  const token = 'MTA5ODc2NTQzMjEwOTg3NjU0.GxYz12.abcdefghijklmnopqrstuvwxyz0123';

  it('GIVEN the pretty format THEN each entry is one readable line, without the token', () => {
    const lines: string[] = [];
    const log = createLogger('info', [token], { write: (l) => lines.push(l) }, 'pretty');
    log.warn({ member: 'm1', url: `https://x/${token}` }, 'daily quiz DM failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] WARN: daily quiz DM failed \{.*"member":"m1".*\}\n$/);
    expect(lines[0]).not.toContain(token);
    expect(lines[0]).not.toMatch(/^\{/);
  });

  it('GIVEN the JSON format THEN each entry is one JSON object', () => {
    const lines: string[] = [];
    createLogger('info', [], { write: (l) => lines.push(l) }, 'json').info({ a: 1 }, 'hello');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 30, msg: 'hello', a: 1 });
  });
});
