/**
 * Exam buttons carry their state like every other button (see custom-id.ts):
 *
 *   x:<exam>:<pos>:pick:<i>:<order>        single-choice answer at a position, with the shown order
 *   x:<exam>:<pos>:tog:<mask>:<i>:<order>  multi-select toggle (redraws only; nothing is stored)
 *   x:<exam>:<pos>:sub:<mask>:<order>      multi-select answer
 *   x:<exam>:<pos>:tf:<1|0>                true / false
 *   x:<exam>:<pos>:go:<target>             show another position (back, skip, go to)
 *   x:<exam>:<pos>:flag:<1|0>              set or clear the flag (the state wanted, so a double click agrees)
 *   x:<exam>:review | submit | drill | resume
 *   x:<exam>:res:<page>                    a page of the result
 *   x:<exam>:abandon:<questions>:<minutes> abandon, then start the exam that was asked for
 */

export type ExamPos = { examId: number; position: number };

export type ExamIdData = {
  examPick: ExamPos & { index: number; order: number[] };
  examToggle: ExamPos & { mask: number; index: number; order: number[] };
  examSave: ExamPos & { mask: number; order: number[] };
  examTf: ExamPos & { value: boolean };
  examGo: ExamPos & { target: number };
  examFlag: ExamPos & { flagged: boolean };
  examReview: { examId: number };
  examSubmit: { examId: number };
  examDrill: { examId: number };
  examResume: { examId: number };
  examResult: { examId: number; page: number };
  examAbandon: { examId: number; questions: number; minutes: number };
};

type Of<K extends keyof ExamIdData> = { kind: K } & ExamIdData[K];
export type ExamId = { [K in keyof ExamIdData]: Of<K> }[keyof ExamIdData];

const at = (id: ExamPos, rest: string) => `x:${id.examId}:${id.position}:${rest}`;

export function encodeExamId(id: ExamId): string {
  switch (id.kind) {
    case 'examPick':
      return at(id, `pick:${id.index}:${id.order.join('')}`);
    case 'examToggle':
      return at(id, `tog:${id.mask}:${id.index}:${id.order.join('')}`);
    case 'examSave':
      return at(id, `sub:${id.mask}:${id.order.join('')}`);
    case 'examTf':
      return at(id, `tf:${id.value ? 1 : 0}`);
    case 'examGo':
      return at(id, `go:${id.target}`);
    case 'examFlag':
      return at(id, `flag:${id.flagged ? 1 : 0}`);
    case 'examReview':
      return `x:${id.examId}:review`;
    case 'examSubmit':
      return `x:${id.examId}:submit`;
    case 'examDrill':
      return `x:${id.examId}:drill`;
    case 'examResume':
      return `x:${id.examId}:resume`;
    case 'examResult':
      return `x:${id.examId}:res:${id.page}`;
    case 'examAbandon':
      return `x:${id.examId}:abandon:${id.questions}:${id.minutes}`;
  }
}

type Parse = {
  int(text: string | undefined, max?: number): number | null;
  order(text: string | undefined): number[] | null;
};

const MASK = 0b11111;

function parseAtPosition(examId: number, position: number, parts: string[], p: Parse): ExamId | null {
  const [kind, a, b, c] = parts;
  const pos = { examId, position };
  const n = parts.length;
  switch (kind) {
    case 'pick': {
      const index = p.int(a, 4);
      const order = p.order(b);
      return index === null || order === null || index >= order.length || n !== 3
        ? null
        : { kind: 'examPick', ...pos, index, order };
    }
    case 'tog': {
      const mask = p.int(a, MASK);
      const index = p.int(b, 4);
      const order = p.order(c);
      return mask === null || index === null || order === null || index >= order.length || n !== 4
        ? null
        : { kind: 'examToggle', ...pos, mask, index, order };
    }
    case 'sub': {
      const mask = p.int(a, MASK);
      const order = p.order(b);
      return mask === null || order === null || mask >> order.length !== 0 || n !== 3
        ? null
        : { kind: 'examSave', ...pos, mask, order };
    }
    case 'tf':
      return (a === '1' || a === '0') && n === 2 ? { kind: 'examTf', ...pos, value: a === '1' } : null;
    case 'go': {
      const target = p.int(a, 999);
      return target === null || n !== 2 ? null : { kind: 'examGo', ...pos, target };
    }
    case 'flag':
      return (a === '1' || a === '0') && n === 2 ? { kind: 'examFlag', ...pos, flagged: a === '1' } : null;
    default:
      return null;
  }
}

/** Parses the parts after `x:`; null for anything this bot did not issue. */
export function parseExamId(parts: string[], p: Parse): ExamId | null {
  const [exam, second, a, b] = parts;
  const examId = p.int(exam);
  if (examId === null) return null;
  const n = parts.length;
  switch (second) {
    case 'review':
    case 'submit':
    case 'drill':
    case 'resume': {
      const kinds = {
        review: 'examReview',
        submit: 'examSubmit',
        drill: 'examDrill',
        resume: 'examResume',
      } as const;
      return n === 2 ? { kind: kinds[second], examId } : null;
    }
    case 'res': {
      const page = p.int(a, 99);
      return page === null || n !== 3 ? null : { kind: 'examResult', examId, page };
    }
    case 'abandon': {
      const questions = p.int(a, 999);
      const minutes = p.int(b, 999);
      return questions === null || minutes === null || n !== 4
        ? null
        : { kind: 'examAbandon', examId, questions, minutes };
    }
    default: {
      const position = p.int(second, 999);
      return position === null ? null : parseAtPosition(examId, position, parts.slice(2), p);
    }
  }
}
