import { describe, expect, it } from 'vitest';
import { allowedTypos, matchesAnswer, normalizeAnswer } from '../../src/domain/text-match.ts';

describe('normalising a typed answer', () => {
  it('GIVEN case, accents, punctuation, articles and spacing THEN only the words are left, lower case', () => {
    expect(normalizeAnswer('  The Multi-AZ   Réplica!  ')).toBe('multi az replica');
    expect(normalizeAnswer('An index, a table')).toBe('index table');
    expect(normalizeAnswer('Théâtre')).toBe('theatre');
    expect(normalizeAnswer('...')).toBe('');
  });

  it('GIVEN words that merely contain an article THEN they are kept', () => {
    expect(normalizeAnswer('Athena thena')).toBe('athena thena');
  });
});

describe('typos tolerated', () => {
  it('GIVEN answers of 4, 5, 8 and 9 characters THEN 0, 1, 1 and 2 typos are tolerated', () => {
    expect([1, 4, 5, 8, 9, 30].map(allowedTypos)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('GIVEN a 4-letter answer THEN one typo is wrong', () => {
    expect(matchesAnswer('nose', ['node'])).toBe(false);
    expect(matchesAnswer('NODE', ['node'])).toBe(true);
  });

  it('GIVEN a 5-letter answer THEN one typo is forgiven and two are not', () => {
    expect(matchesAnswer('rediz', ['Redis'])).toBe(true);
    expect(matchesAnswer('rexiz', ['Redis'])).toBe(false);
  });

  it('GIVEN an 8-letter answer THEN one typo is forgiven and two are not', () => {
    expect(matchesAnswer('dynamodc', ['DynamoDB'])).toBe(true);
    expect(matchesAnswer('dynamoxc', ['DynamoDB'])).toBe(false);
  });

  it('GIVEN a 9-letter answer or longer THEN two typos are forgiven and three are not', () => {
    expect(matchesAnswer('elastikach', ['ElastiCache'])).toBe(true);
    expect(matchesAnswer('elastikakh', ['ElastiCache'])).toBe(false);
  });
});

describe('matching against the accepted answers', () => {
  it('GIVEN any of the accepted answers THEN it matches, the later ones too', () => {
    expect(matchesAnswer('memcache', ['Memcached', 'Memcache'])).toBe(true);
    expect(matchesAnswer('valkey', ['Redis OSS', 'Valkey'])).toBe(true);
    expect(matchesAnswer('valkey', [])).toBe(false);
  });

  it('GIVEN nothing but an article or punctuation THEN it matches nothing, not even an empty accepted answer', () => {
    expect(matchesAnswer('the', ['The'])).toBe(false);
    expect(matchesAnswer('?!', ['-'])).toBe(false);
  });

  it('GIVEN the words run together or split THEN they match', () => {
    expect(matchesAnswer('read replica', ['ReadReplica'])).toBe(true);
    expect(matchesAnswer('AuroraServerless', ['Aurora Serverless'])).toBe(true);
  });

  it('GIVEN a different number THEN it never matches, even in a long answer; the same numbers with a typo do', () => {
    expect(matchesAnswer('up to 16 read replicas', ['Up to 15 read replicas'])).toBe(false);
    expect(matchesAnswer('up to 15 read replikas', ['Up to 15 read replicas'])).toBe(true);
    expect(matchesAnswer('5 replicas', ['15 replicas'])).toBe(false);
  });
});

describe('numbers and spacing at the typo limits', () => {
  it('GIVEN a digit moved from one number to the next THEN no match, though only two characters changed', () => {
    // 16 characters: two typos would be tolerated, but the numbers are 804 and 43, not 80 and 443.
    expect(matchesAnswer('ports 804 and 43', ['Ports 80 and 443'])).toBe(false);
    expect(matchesAnswer('scale from 1 to 23 nodes', ['Scale from 12 to 3 nodes'])).toBe(false);
    expect(matchesAnswer('prots 80 and 443', ['Ports 80 and 443'])).toBe(true);
  });

  it('GIVEN a short answer split or joined differently THEN it matches, though no typo is tolerated at that length', () => {
    expect(matchesAnswer('IO', ['I/O'])).toBe(true);
    expect(matchesAnswer('I/O', ['IO'])).toBe(true);
    expect(matchesAnswer('EC 2', ['EC2'])).toBe(true);
    expect(matchesAnswer('EC 3', ['EC2'])).toBe(false);
    expect(matchesAnswer('IOS', ['I/O'])).toBe(false);
  });
});
