-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_StudySession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" TEXT NOT NULL,
    "topic" TEXT,
    "mode" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "newIds" TEXT NOT NULL DEFAULT '[]',
    "step" INTEGER NOT NULL DEFAULT 0,
    "seed" INTEGER NOT NULL DEFAULT 0,
    "openFor" TEXT,
    "shownAt" DATETIME,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "correct" INTEGER NOT NULL DEFAULT 0,
    "lastFeedback" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "StudySession_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_StudySession" ("answered", "correct", "createdAt", "finishedAt", "id", "lastFeedback", "memberId", "mode", "newIds", "queue", "shownAt", "step", "topic", "updatedAt") SELECT "answered", "correct", "createdAt", "finishedAt", "id", "lastFeedback", "memberId", "mode", "newIds", "queue", "shownAt", "step", "topic", "updatedAt" FROM "StudySession";
DROP TABLE "StudySession";
ALTER TABLE "new_StudySession" RENAME TO "StudySession";
-- Sessions left open before this migration: each member keeps the newest, the others close.
UPDATE "StudySession" SET "finishedAt" = "updatedAt"
 WHERE "finishedAt" IS NULL
   AND "id" NOT IN (SELECT MAX("id") FROM "StudySession" WHERE "finishedAt" IS NULL GROUP BY "memberId");
UPDATE "StudySession" SET "openFor" = "memberId" WHERE "finishedAt" IS NULL;
CREATE UNIQUE INDEX "StudySession_openFor_key" ON "StudySession"("openFor");
CREATE INDEX "StudySession_memberId_finishedAt_idx" ON "StudySession"("memberId", "finishedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
