export { type AnswerInput, answerQuestion } from './answer-question.ts';
export { drillExamMisses } from './drill-misses.ts';
export { markGuessed } from './mark-guessed.ts';
export { currentQuestion, startSession } from './start-session.ts';
export * from './types.ts';
export { type UndoRefusal, type UndoResult, undoReview } from './undo-review.ts';
