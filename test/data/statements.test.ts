import { describe, expect, it } from 'vitest';
import { statementNamer } from '../../src/data/postgres/statements.ts';

describe('prepared statements on PostgreSQL', () => {
  it('GIVEN the same SQL twice THEN it gets the same name; aggregates over a range and long parameter lists stay unnamed', () => {
    const nameOf = statementNamer();
    const find = { sql: 'SELECT * FROM "Member" WHERE "id" = $1', args: ['m1'] };
    expect(nameOf(find)).toBe('quizbot_0');
    expect(nameOf({ ...find, args: ['m2'] })).toBe('quizbot_0');
    expect(nameOf({ sql: 'COMMIT', args: [] })).toBe('quizbot_1');
    // Planned with its values every time: a generic plan scans every member's week.
    expect(
      nameOf({ sql: 'SELECT m."id", SUM(d."points") FROM "DailyStat" d GROUP BY m."id"', args: ['a', 'b'] }),
    ).toBeUndefined();
    expect(
      nameOf({
        sql: 'UPDATE "Question" SET "retired" = true WHERE "id" IN ($1, …)',
        args: Array(33).fill('q'),
      }),
    ).toBeUndefined();
  });
});
