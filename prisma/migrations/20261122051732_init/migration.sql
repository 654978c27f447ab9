-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "reminderMinute" INTEGER NOT NULL DEFAULT 540,
    "remindersEnabled" BOOLEAN NOT NULL DEFAULT true,
    "dmsClosed" BOOLEAN NOT NULL DEFAULT false,
    "dmChannelId" TEXT,
    "newPerDay" INTEGER NOT NULL DEFAULT 10,
    "nextReminderAt" DATETIME,
    "currentStreak" INTEGER NOT NULL DEFAULT 0,
    "longestStreak" INTEGER NOT NULL DEFAULT 0,
    "lastStreakDay" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Group" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "leaderboardChannelId" TEXT,
    "lastBoardPostedFor" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Membership" (
    "groupId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("groupId", "memberId"),
    CONSTRAINT "Membership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Question" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "topic" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Card" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "easiness" REAL NOT NULL DEFAULT 2.5,
    "intervalDays" INTEGER NOT NULL DEFAULT 0,
    "repetitions" INTEGER NOT NULL DEFAULT 0,
    "lapses" INTEGER NOT NULL DEFAULT 0,
    "reviewCount" INTEGER NOT NULL DEFAULT 0,
    "dueAt" DATETIME NOT NULL,
    "lastReviewedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Card_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Card_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" TEXT NOT NULL,
    "cardId" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "grade" INTEGER NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answer" TEXT NOT NULL,
    "answeredAt" DATETIME NOT NULL,
    "day" TEXT NOT NULL,
    "responseMs" INTEGER,
    "easinessBefore" REAL NOT NULL,
    "intervalBefore" INTEGER NOT NULL,
    "repetitionsBefore" INTEGER NOT NULL,
    "dueBefore" DATETIME NOT NULL,
    "easinessAfter" REAL NOT NULL,
    "intervalAfter" INTEGER NOT NULL,
    "repetitionsAfter" INTEGER NOT NULL,
    "dueAfter" DATETIME NOT NULL,
    CONSTRAINT "ReviewLog_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewLog_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewLog_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DailyStat" (
    "memberId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "reviews" INTEGER NOT NULL DEFAULT 0,
    "correct" INTEGER NOT NULL DEFAULT 0,
    "points" INTEGER NOT NULL DEFAULT 0,
    "newCards" INTEGER NOT NULL DEFAULT 0,
    "clearedDue" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("memberId", "day"),
    CONSTRAINT "DailyStat_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReminderDelivery" (
    "memberId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextTryAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "lastError" TEXT,

    PRIMARY KEY ("memberId", "day"),
    CONSTRAINT "ReminderDelivery_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StudySession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" TEXT NOT NULL,
    "topic" TEXT,
    "mode" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "newIds" TEXT NOT NULL DEFAULT '[]',
    "step" INTEGER NOT NULL DEFAULT 0,
    "shownAt" DATETIME,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "correct" INTEGER NOT NULL DEFAULT 0,
    "lastFeedback" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "StudySession_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Member_nextReminderAt_idx" ON "Member"("nextReminderAt");

-- CreateIndex
CREATE INDEX "Membership_memberId_idx" ON "Membership"("memberId");

-- CreateIndex
CREATE INDEX "Question_topic_retired_idx" ON "Question"("topic", "retired");

-- CreateIndex
CREATE INDEX "Card_memberId_dueAt_idx" ON "Card"("memberId", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Card_memberId_questionId_key" ON "Card"("memberId", "questionId");

-- CreateIndex
CREATE INDEX "ReviewLog_memberId_answeredAt_idx" ON "ReviewLog"("memberId", "answeredAt");

-- CreateIndex
CREATE INDEX "ReviewLog_questionId_idx" ON "ReviewLog"("questionId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewLog_cardId_seq_key" ON "ReviewLog"("cardId", "seq");

-- CreateIndex
CREATE INDEX "DailyStat_day_idx" ON "DailyStat"("day");

-- CreateIndex
CREATE INDEX "ReminderDelivery_status_nextTryAt_idx" ON "ReminderDelivery"("status", "nextTryAt");

-- CreateIndex
CREATE INDEX "StudySession_memberId_finishedAt_idx" ON "StudySession"("memberId", "finishedAt");
