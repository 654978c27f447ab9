import type { SessionMode } from '../core/study/index.ts';
import { type Grade, isGrade } from '../domain/sm2.ts';
import { type ExamIdData, encodeExamId, parseExamId } from './exam-id.ts';

/**
 * Buttons and modals carry all their state in the custom id (Discord allows 100 characters),
 * so they keep working after a restart and need no in-memory table:
 *
 *   q:<session>:<step>:pick:<i>:<order>    single-choice answer: the option index as shown, and the
 *                                          order the options were shown in (file index per place,
 *                                          e.g. 2031), checked against the session's own
 *   q:<session>:<step>:tog:<mask>:<i>:<order>  multi-select toggle: the current picks as a bit mask
 *   q:<session>:<step>:sub:<mask>:<order>  multi-select submit
 *   q:<session>:<step>:tf:<1|0>            true / false
 *   q:<session>:<step>:txt                 open the free-text answer modal
 *   q:<session>:<step>:rev                 reveal a flashcard's back
 *   q:<session>:<step>:grade:<0-5>         self-grade a flashcard
 *   q:<session>:<step>:next                show the session's current question
 *   qm:<session>:<step>                    the free-text modal
 *   guess:<reviewId>                       "I guessed" after a correct answer
 *   undo:<reviewId>                        take back that answer (only while it is the latest of today)
 *   leech:<questionId>:<u|n>               unsuspend a leech; u = update the clicked /leech list,
 *                                          n = answer with a notice (the feedback stays)
 *   start:<r|x|p>:<topic>:<u|n>            start a session (review, extra new, practice); u = update
 *                                          the clicked message, n = answer with a new message
 *   fact:<service>:<topic>:<page>          a page of /fact
 *   forget:<yes|no>                        /forget-me confirmation
 *
 * Choice buttons from before options were shuffled (no order) parse as `legacy`: they are
 * answered by showing the question again, never by recording an option.
 *
 * Exam buttons (`x:`) are listed in exam-id.ts.
 *
 * Each kind is one button family with its own handler (src/discord/buttons/).
 */

type AtStep = { sessionId: number; step: number };

export type IdData = {
  pick: AtStep & { index: number; order: number[] };
  toggle: AtStep & { mask: number; index: number; order: number[] };
  submit: AtStep & { mask: number; order: number[] };
  legacy: AtStep;
  truefalse: AtStep & { value: boolean };
  text: AtStep;
  modal: AtStep;
  reveal: AtStep;
  grade: AtStep & { grade: Grade };
  next: AtStep;
  guess: { reviewId: number };
  undo: { reviewId: number };
  leech: { questionId: string; update: boolean };
  start: { mode: SessionMode; topic: string | undefined; update: boolean };
  fact: { service: string; topic: string | undefined; page: number };
  forget: { confirm: boolean };
} & ExamIdData;

export type IdKind = keyof IdData;
export type CustomIdOf<K extends IdKind> = { kind: K } & IdData[K];
export type CustomId = { [K in IdKind]: CustomIdOf<K> }[IdKind];

export const TEXT_INPUT_ID = 'answer';
export const MAX_OPTIONS = 5;

const MODES: Record<string, SessionMode> = { r: 'review', x: 'extra-new', p: 'practice', d: 'drill' };
const MODE_CODES: Record<SessionMode, string> = { review: 'r', 'extra-new': 'x', practice: 'p', drill: 'd' };
/** Bank ids are lower-case slugs; anything else is not ours. */
const SLUG = /^[a-z0-9][a-z0-9._-]{0,40}$/;

function check(id: string): string {
  if (id.length > 100) throw new RangeError(`custom id longer than 100 characters: ${id}`);
  return id;
}

function step(id: AtStep, rest: string): string {
  return check(`q:${id.sessionId}:${id.step}:${rest}`);
}

export function encodeId(id: CustomId): string {
  switch (id.kind) {
    case 'pick':
      return step(id, `pick:${id.index}:${id.order.join('')}`);
    case 'toggle':
      return step(id, `tog:${id.mask}:${id.index}:${id.order.join('')}`);
    case 'submit':
      return step(id, `sub:${id.mask}:${id.order.join('')}`);
    case 'legacy':
      return step(id, 'pick:0');
    case 'truefalse':
      return step(id, `tf:${id.value ? 1 : 0}`);
    case 'text':
      return step(id, 'txt');
    case 'reveal':
      return step(id, 'rev');
    case 'grade':
      return step(id, `grade:${id.grade}`);
    case 'next':
      return step(id, 'next');
    case 'modal':
      return check(`qm:${id.sessionId}:${id.step}`);
    case 'guess':
      return check(`guess:${id.reviewId}`);
    case 'undo':
      return check(`undo:${id.reviewId}`);
    case 'leech':
      return check(`leech:${id.questionId}:${id.update ? 'u' : 'n'}`);
    case 'start':
      return check(`start:${MODE_CODES[id.mode]}:${id.topic ?? ''}:${id.update ? 'u' : 'n'}`);
    case 'fact':
      return check(`fact:${id.service}:${id.topic ?? ''}:${id.page}`);
    case 'forget':
      return check(`forget:${id.confirm ? 'yes' : 'no'}`);
    default:
      return check(encodeExamId(id));
  }
}

/** A non-negative integer in canonical form, or null. */
function int(text: string | undefined, max = Number.MAX_SAFE_INTEGER): number | null {
  if (text === undefined || !/^(0|[1-9]\d{0,15})$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

function optionalSlug(text: string | undefined): string | undefined | null {
  if (text === undefined) return null;
  if (text === '') return undefined;
  return SLUG.test(text) ? text : null;
}

const MASK = (1 << MAX_OPTIONS) - 1;

/** "2031": a permutation of 0..n-1 for 2 to 5 options, or null. */
function order(text: string | undefined): number[] | null {
  if (text === undefined || !/^[0-4]{2,5}$/.test(text)) return null;
  const digits = [...text].map(Number);
  const distinct = new Set(digits);
  return distinct.size === digits.length && digits.every((d) => d < digits.length) ? digits : null;
}

function parseChoice(at: AtStep, parts: string[]): CustomId | null {
  const [kind, a, b, c] = parts;
  const n = parts.length;
  switch (kind) {
    case 'pick': {
      const index = int(a, MAX_OPTIONS - 1);
      if (index === null || n < 2 || n > 3) return null;
      if (n === 2) return { kind: 'legacy', ...at };
      const shown = order(b);
      return shown === null || index >= shown.length ? null : { kind: 'pick', ...at, index, order: shown };
    }
    case 'tog': {
      const mask = int(a, MASK);
      const index = int(b, MAX_OPTIONS - 1);
      if (mask === null || index === null || n < 3 || n > 4) return null;
      if (n === 3) return { kind: 'legacy', ...at };
      const shown = order(c);
      return shown === null || index >= shown.length
        ? null
        : { kind: 'toggle', ...at, mask, index, order: shown };
    }
    case 'sub': {
      const mask = int(a, MASK);
      if (mask === null || n < 2 || n > 3) return null;
      if (n === 2) return { kind: 'legacy', ...at };
      const shown = order(b);
      return shown === null || mask >> shown.length !== 0
        ? null
        : { kind: 'submit', ...at, mask, order: shown };
    }
    default:
      return null;
  }
}

function parseAction(at: AtStep, parts: string[]): CustomId | null {
  const [kind, a] = parts;
  const n = parts.length;
  switch (kind) {
    case 'pick':
    case 'tog':
    case 'sub':
      return parseChoice(at, parts);
    case 'tf':
      return (a === '1' || a === '0') && n === 2 ? { kind: 'truefalse', ...at, value: a === '1' } : null;
    case 'txt':
      return n === 1 ? { kind: 'text', ...at } : null;
    case 'rev':
      return n === 1 ? { kind: 'reveal', ...at } : null;
    case 'grade': {
      const grade = int(a, 5);
      return grade === null || !isGrade(grade) || n !== 2 ? null : { kind: 'grade', ...at, grade };
    }
    case 'next':
      return n === 1 ? { kind: 'next', ...at } : null;
    default:
      return null;
  }
}

/** Parses any custom id this bot issues; null for anything else (old formats, tampering). */
export function parseCustomId(id: string): CustomId | null {
  const parts = id.split(':');
  const [prefix, p1, p2, p3, p4] = parts;
  switch (prefix) {
    case 'q': {
      const sessionId = int(p1);
      const at = int(p2);
      return sessionId === null || at === null ? null : parseAction({ sessionId, step: at }, parts.slice(3));
    }
    case 'qm': {
      const sessionId = int(p1);
      const at = int(p2);
      return sessionId === null || at === null || parts.length !== 3
        ? null
        : { kind: 'modal', sessionId, step: at };
    }
    case 'guess': {
      const reviewId = int(p1);
      return reviewId === null || parts.length !== 2 ? null : { kind: 'guess', reviewId };
    }
    case 'undo': {
      const reviewId = int(p1);
      return reviewId === null || parts.length !== 2 ? null : { kind: 'undo', reviewId };
    }
    case 'leech': {
      const questionId = optionalSlug(p1);
      if (questionId === null || questionId === undefined || (p2 !== 'u' && p2 !== 'n') || parts.length !== 3)
        return null;
      return { kind: 'leech', questionId, update: p2 === 'u' };
    }
    case 'start': {
      const mode = p1 === undefined ? undefined : MODES[p1];
      const topic = optionalSlug(p2);
      if (mode === undefined || topic === null || (p3 !== 'u' && p3 !== 'n') || parts.length !== 4)
        return null;
      return { kind: 'start', mode, topic, update: p3 === 'u' };
    }
    case 'fact': {
      const service = optionalSlug(p1);
      const topic = optionalSlug(p2);
      const page = int(p3, 99);
      if (service === null || service === undefined || topic === null || page === null || p4 !== undefined)
        return null;
      return { kind: 'fact', service, topic, page };
    }
    case 'forget':
      return (p1 === 'yes' || p1 === 'no') && parts.length === 2
        ? { kind: 'forget', confirm: p1 === 'yes' }
        : null;
    case 'x':
      return parseExamId(parts.slice(1), { int, order });
    default:
      return null;
  }
}
