export { abandonExam, examResultPage, recentExamScores, submitExam } from './end-exam.ts';
export { expireExams } from './guard.ts';
export { type ExamRequest, examCandidates, startExam } from './start-exam.ts';
export { answerExam, type ExamAt, flagExam, resumeExam, reviewExam } from './take-exam.ts';
export * from './types.ts';
