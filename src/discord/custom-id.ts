import type { SessionMode } from '../core/study.ts';
import type { Grade } from '../domain/sm2.ts';

/**
 * Buttons and modals carry all their state in the custom id (Discord allows 100 characters),
 * so they keep working after a restart and need no in-memory table:
 *
 *   q:<session>:<step>:pick:<i>            single-choice answer (option index)
 *   q:<session>:<step>:tog:<mask>:<i>      multi-select toggle: the current picks as a bit mask
 *   q:<session>:<step>:sub:<mask>          multi-select submit
 *   q:<session>:<step>:tf:<1|0>            true / false
 *   q:<session>:<step>:txt                 open the free-text answer modal
 *   q:<session>:<step>:rev                 reveal a flashcard's back
 *   q:<session>:<step>:grade:<0-5>         self-grade a flashcard
 *   q:<session>:<step>:next                show the session's current question
 *   qm:<session>:<step>                    the free-text modal
 *   guess:<reviewId>                       "I guessed" after a correct answer
 *   start:<r|x|p>:<topic>:<u|n>            start a session (review, extra new, practice); u = update
 *                                          the clicked message, n = answer with a new message
 *   fact:<service>:<topic>:<page>          a page of /fact
 *   forget:<yes|no>                        /forget-me confirmation
 */

export const TEXT_INPUT_ID = 'answer';

export type QuestionAction =
  | { kind: 'pick'; index: number }
  | { kind: 'toggle'; mask: number; index: number }
  | { kind: 'submit'; mask: number }
  | { kind: 'truefalse'; value: boolean }
  | { kind: 'text' }
  | { kind: 'reveal' }
  | { kind: 'grade'; grade: Grade }
  | { kind: 'next' };

export type CustomId =
  | { kind: 'question'; sessionId: number; step: number; action: QuestionAction }
  | { kind: 'modal'; sessionId: number; step: number }
  | { kind: 'guess'; reviewId: number }
  | { kind: 'start'; mode: SessionMode; topic: string | undefined; update: boolean }
  | { kind: 'fact'; service: string; topic: string | undefined; page: number }
  | { kind: 'forget'; confirm: boolean };

const MODES: Record<string, SessionMode> = { r: 'review', x: 'extra-new', p: 'practice' };
const MODE_CODES: Record<SessionMode, string> = { review: 'r', 'extra-new': 'x', practice: 'p' };
/** Bank ids are lower-case slugs; anything else is not ours. */
const SLUG = /^[a-z0-9][a-z0-9._-]{0,40}$/;

function check(id: string): string {
  if (id.length > 100) throw new RangeError(`custom id longer than 100 characters: ${id}`);
  return id;
}

export function questionId(sessionId: number, step: number, action: QuestionAction): string {
  const base = `q:${sessionId}:${step}`;
  switch (action.kind) {
    case 'pick':
      return check(`${base}:pick:${action.index}`);
    case 'toggle':
      return check(`${base}:tog:${action.mask}:${action.index}`);
    case 'submit':
      return check(`${base}:sub:${action.mask}`);
    case 'truefalse':
      return check(`${base}:tf:${action.value ? 1 : 0}`);
    case 'text':
      return check(`${base}:txt`);
    case 'reveal':
      return check(`${base}:rev`);
    case 'grade':
      return check(`${base}:grade:${action.grade}`);
    case 'next':
      return check(`${base}:next`);
  }
}

export const modalId = (sessionId: number, step: number) => check(`qm:${sessionId}:${step}`);
export const guessId = (reviewId: number) => check(`guess:${reviewId}`);
export const startId = (mode: SessionMode, topic: string | undefined, update: boolean) =>
  check(`start:${MODE_CODES[mode]}:${topic ?? ''}:${update ? 'u' : 'n'}`);
export const factId = (service: string, topic: string | undefined, page: number) =>
  check(`fact:${service}:${topic ?? ''}:${page}`);
export const forgetId = (confirm: boolean) => `forget:${confirm ? 'yes' : 'no'}`;

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

function parseAction(parts: string[]): QuestionAction | null {
  const [kind, a, b] = parts;
  const extra = parts.length;
  switch (kind) {
    case 'pick': {
      const index = int(a, 4);
      return index === null || extra !== 2 ? null : { kind: 'pick', index };
    }
    case 'tog': {
      const mask = int(a, 31);
      const index = int(b, 4);
      return mask === null || index === null || extra !== 3 ? null : { kind: 'toggle', mask, index };
    }
    case 'sub': {
      const mask = int(a, 31);
      return mask === null || extra !== 2 ? null : { kind: 'submit', mask };
    }
    case 'tf':
      return (a === '1' || a === '0') && extra === 2 ? { kind: 'truefalse', value: a === '1' } : null;
    case 'txt':
      return extra === 1 ? { kind: 'text' } : null;
    case 'rev':
      return extra === 1 ? { kind: 'reveal' } : null;
    case 'grade': {
      const grade = int(a, 5);
      return grade === null || extra !== 2 ? null : { kind: 'grade', grade: grade as Grade };
    }
    case 'next':
      return extra === 1 ? { kind: 'next' } : null;
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
      const step = int(p2);
      const action = parseAction(parts.slice(3));
      return sessionId === null || step === null || action === null
        ? null
        : { kind: 'question', sessionId, step, action };
    }
    case 'qm': {
      const sessionId = int(p1);
      const step = int(p2);
      return sessionId === null || step === null || parts.length !== 3
        ? null
        : { kind: 'modal', sessionId, step };
    }
    case 'guess': {
      const reviewId = int(p1);
      return reviewId === null || parts.length !== 2 ? null : { kind: 'guess', reviewId };
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
    default:
      return null;
  }
}
