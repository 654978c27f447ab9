import { describe, expect, it } from 'vitest';
import { pictureName } from '../../src/console/show.ts';

describe('progress picture file names', () => {
  it('GIVEN console members THEN each name is the member id as a readable slug', () => {
    expect(pictureName('console:ann')).toBe('progress-console_ann.png');
    expect(pictureName('console:mary-jane')).toBe('progress-console_mary-jane.png');
  });

  it('GIVEN names that differ only in characters a file name cannot keep THEN the files still differ', () => {
    const names = [
      'console:민수',
      'console:민지',
      'console:nguyễn',
      'console:nguyen',
      'console:a.b',
      'console:a_b',
    ];
    const files = names.map(pictureName);
    expect(new Set(files).size).toBe(names.length);
    for (const f of files) expect(f).toMatch(/^progress-[a-z0-9_-]+\.png$/);
  });
});
