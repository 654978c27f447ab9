import { describe, expect, it } from 'vitest';
import { unansweredDistractors } from '../../src/bank/explanations.ts';
import type { ChoiceQuestion } from '../../src/domain/question.ts';

const q = (options: string[], answer: number[], explanation: string): ChoiceQuestion => ({
  id: 'q',
  topic: 't',
  tags: [],
  prompt: 'How long can RDS keep automated backups?',
  explanation,
  source: [],
  docs: undefined,
  correctsNote: false,
  comparisonId: undefined,
  kind: 'choice',
  options,
  answer,
  pinned: [],
});

describe('explanations answer every wrong option', () => {
  it('GIVEN a numeric distractor the explanation never mentions THEN it is reported with the number', () => {
    const found = unansweredDistractors(q(['35 days', '90 days'], [0], 'Up to 35 days.'));
    expect(found).toEqual([{ index: 1, option: '90 days', missing: ['90'] }]);
  });

  it('GIVEN the explanation saying what the number is THEN nothing is reported', () => {
    expect(
      unansweredDistractors(
        q(['35 days', '90 days'], [0], 'Up to 35 days; 90 days is the CloudTrail event history.'),
      ),
    ).toEqual([]);
  });

  it('GIVEN a distractor named by a word of its family THEN it counts as answered', () => {
    const found = unansweredDistractors(
      q(
        ['Until deleted', 'Replicated to another Region'],
        [0],
        'They are deleted with the instance; cross-Region replication is a separate feature.',
      ),
    );
    expect(found).toEqual([]);
  });

  it('GIVEN a distractor none of whose key terms appear THEN all of them are listed', () => {
    const found = unansweredDistractors(q(['35 days', 'Forever in Glacier'], [0], 'Up to 35 days.'));
    expect(found[0]?.missing).toEqual(['forever', 'glacier']);
  });
});
