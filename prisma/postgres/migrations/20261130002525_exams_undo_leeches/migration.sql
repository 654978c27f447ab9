-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "suspendedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "leechThreshold" INTEGER NOT NULL DEFAULT 8;

-- AlterTable
ALTER TABLE "ReviewLog" ADD COLUMN     "undoneAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Exam" (
    "id" SERIAL NOT NULL,
    "memberId" TEXT NOT NULL,
    "openFor" TEXT,
    "seed" INTEGER NOT NULL,
    "questions" INTEGER NOT NULL,
    "minutes" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'open',
    "endedAt" TIMESTAMP(3),
    "score" INTEGER,

    CONSTRAINT "Exam_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExamItem" (
    "examId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "answer" TEXT,
    "correct" BOOLEAN,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "ExamItem_pkey" PRIMARY KEY ("examId","position")
);

-- CreateIndex
CREATE UNIQUE INDEX "Exam_openFor_key" ON "Exam"("openFor");

-- CreateIndex
CREATE INDEX "Exam_memberId_endedAt_idx" ON "Exam"("memberId", "endedAt");

-- CreateIndex
CREATE INDEX "ExamItem_questionId_idx" ON "ExamItem"("questionId");

-- AddForeignKey
ALTER TABLE "Exam" ADD CONSTRAINT "Exam_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExamItem" ADD CONSTRAINT "ExamItem_examId_fkey" FOREIGN KEY ("examId") REFERENCES "Exam"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExamItem" ADD CONSTRAINT "ExamItem_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
