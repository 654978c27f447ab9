import { describe, expect, it } from 'vitest';
import { DatabaseError } from '../../src/data/errors.ts';
import {
  classifyPostgresFailure,
  describePostgresServer,
  explainPostgresFailure,
  isPostgresUrl,
} from '../../src/data/postgres/errors.ts';

const URL_WITH_SECRET = 'postgresql://bot:s3cr%40t@db.example:6543/quiz';

describe('PostgreSQL failures as one line', () => {
  it('GIVEN URLs THEN only postgresql:// and postgres:// ones are PostgreSQL', () => {
    expect(isPostgresUrl('postgresql://u@h/d')).toBe(true);
    expect(isPostgresUrl(' postgres://u@h/d')).toBe(true);
    expect(isPostgresUrl('file:./data/quizbot.db')).toBe(false);
  });

  it('GIVEN a URL THEN the server is named host:port/db, defaults filled in, never user or password', () => {
    expect(describePostgresServer(URL_WITH_SECRET)).toBe('db.example:6543/quiz');
    expect(describePostgresServer('postgresql://bot@localhost')).toBe('localhost:5432/bot');
    expect(describePostgresServer('postgresql:///quiz?host=/run/postgresql')).toBe(
      '/run/postgresql:5432/quiz',
    );
    expect(describePostgresServer('not a url')).toBe('an unreadable PostgreSQL URL');
  });

  it('GIVEN the errors pg, the adapter and the engine raise THEN each is classified', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
      errno: -111,
    });
    expect(classifyPostgresFailure(refused)).toBe('unreachable');
    expect(classifyPostgresFailure(new AggregateError([refused], ''))).toBe('unreachable');
    expect(
      classifyPostgresFailure({ code: '28P01', message: 'password authentication failed for user "bot"' }),
    ).toBe('authentication');
    expect(
      classifyPostgresFailure(new Error('x', { cause: { kind: 'DatabaseDoesNotExist', db: 'quiz' } })),
    ).toBe('no-database');
    expect(
      classifyPostgresFailure(
        new Error('external connector error\nERROR: permission denied for schema public'),
      ),
    ).toBe('privileges');
    expect(classifyPostgresFailure(new Error('ERROR: division by zero'))).toBeNull();
  });

  it('GIVEN a failure whose message repeats the URL THEN the line shows the server and what to do, and hides the password', () => {
    const error = new Error(`could not connect to ${URL_WITH_SECRET}: timeout expired (password s3cr@t)`);
    const explained = explainPostgresFailure(URL_WITH_SECRET, error);
    expect(explained).toBeInstanceOf(DatabaseError);
    expect(explained.message).toMatch(
      /^DATABASE_URL: cannot reach the PostgreSQL server at db\.example:6543\/quiz: /,
    );
    expect(explained.message).not.toMatch(/s3cr/);
    expect(explained.message.split('\n')).toHaveLength(1);
  });

  it('GIVEN a failure that is not about the connection THEN the line still names the server and the cause', () => {
    const explained = explainPostgresFailure(
      URL_WITH_SECRET,
      new Error('something odd\nwith a trace'),
      'POSTGRES_ADMIN_URL',
    );
    expect(explained.message).toBe(
      'POSTGRES_ADMIN_URL: PostgreSQL at db.example:6543/quiz failed: something odd',
    );
  });
});
