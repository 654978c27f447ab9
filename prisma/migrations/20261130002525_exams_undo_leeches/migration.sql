-- AlterTable
ALTER TABLE "Card" ADD COLUMN "suspendedAt" DATETIME;

-- AlterTable
ALTER TABLE "ReviewLog" ADD COLUMN "undoneAt" DATETIME;

-- CreateTable
CREATE TABLE "Exam" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" TEXT NOT NULL,
    "openFor" TEXT,
    "seed" INTEGER NOT NULL,
    "questions" INTEGER NOT NULL,
    "minutes" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "deadline" DATETIME NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'open',
    "endedAt" DATETIME,
    "score" INTEGER,
    CONSTRAINT "Exam_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExamItem" (
    "examId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "answer" TEXT,
    "correct" BOOLEAN,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "answeredAt" DATETIME,

    PRIMARY KEY ("examId", "position"),
    CONSTRAINT "ExamItem_examId_fkey" FOREIGN KEY ("examId") REFERENCES "Exam" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExamItem_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Member" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "reminderMinute" INTEGER NOT NULL DEFAULT 540,
    "remindersEnabled" BOOLEAN NOT NULL DEFAULT true,
    "dmsClosed" BOOLEAN NOT NULL DEFAULT false,
    "dmChannelId" TEXT,
    "newPerDay" INTEGER NOT NULL DEFAULT 10,
    "leechThreshold" INTEGER NOT NULL DEFAULT 8,
    "language" TEXT NOT NULL DEFAULT 'auto',
    "lastLocale" TEXT,
    "nextReminderAt" DATETIME,
    "currentStreak" INTEGER NOT NULL DEFAULT 0,
    "longestStreak" INTEGER NOT NULL DEFAULT 0,
    "lastStreakDay" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Member" ("createdAt", "currentStreak", "displayName", "dmChannelId", "dmsClosed", "id", "language", "lastLocale", "lastStreakDay", "longestStreak", "newPerDay", "nextReminderAt", "reminderMinute", "remindersEnabled", "timezone", "updatedAt") SELECT "createdAt", "currentStreak", "displayName", "dmChannelId", "dmsClosed", "id", "language", "lastLocale", "lastStreakDay", "longestStreak", "newPerDay", "nextReminderAt", "reminderMinute", "remindersEnabled", "timezone", "updatedAt" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE INDEX "Member_nextReminderAt_idx" ON "Member"("nextReminderAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Exam_openFor_key" ON "Exam"("openFor");

-- CreateIndex
CREATE INDEX "Exam_memberId_endedAt_idx" ON "Exam"("memberId", "endedAt");

-- CreateIndex
CREATE INDEX "ExamItem_questionId_idx" ON "ExamItem"("questionId");
