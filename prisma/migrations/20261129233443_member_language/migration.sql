-- AlterTable
ALTER TABLE "Group" ADD COLUMN "locale" TEXT;

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
    "language" TEXT NOT NULL DEFAULT 'auto',
    "lastLocale" TEXT,
    "nextReminderAt" DATETIME,
    "currentStreak" INTEGER NOT NULL DEFAULT 0,
    "longestStreak" INTEGER NOT NULL DEFAULT 0,
    "lastStreakDay" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Member" ("createdAt", "currentStreak", "displayName", "dmChannelId", "dmsClosed", "id", "lastStreakDay", "longestStreak", "newPerDay", "nextReminderAt", "reminderMinute", "remindersEnabled", "timezone", "updatedAt") SELECT "createdAt", "currentStreak", "displayName", "dmChannelId", "dmsClosed", "id", "lastStreakDay", "longestStreak", "newPerDay", "nextReminderAt", "reminderMinute", "remindersEnabled", "timezone", "updatedAt" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE INDEX "Member_nextReminderAt_idx" ON "Member"("nextReminderAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
