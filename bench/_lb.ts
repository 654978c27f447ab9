import Database from 'better-sqlite3';
import { openDatabase } from '../src/data/db.ts';
import { Store } from '../src/data/store.ts';
import { studyDay } from '../src/domain/day.ts';
import { groupId } from './common.ts';

const db = new Database('/tmp/g1000.db');
const q =
  db.prepare(`SELECT d.memberId AS memberId, m.displayName AS displayName, m.timezone tz, SUM(d.points) AS points, SUM(d.reviews) AS reviews, SUM(d.correct) AS correct
 FROM "Membership" ms JOIN "DailyStat" d ON d.memberId = ms.memberId AND d.day >= ? JOIN "Member" m ON m.id = ms.memberId WHERE ms.groupId = ? GROUP BY d.memberId`);
const time = (l: string, f: () => unknown, n = 50) => {
  for (let i = 0; i < 5; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(l, ((performance.now() - t) / n).toFixed(2), 'ms');
};
let rows = q.all('2025-06-02', groupId(0)) as { displayName: string; tz: string }[];
console.log(rows.length);
time('sql', () => {
  rows = q.all('2025-06-02', groupId(0)) as { displayName: string; tz: string }[];
});
time('studyDay x rows', () => rows.map((r) => studyDay(Date.now(), r.tz)));
time('sort localeCompare', () => [...rows].sort((a, b) => a.displayName.localeCompare(b.displayName)));
const p = await openDatabase('/tmp/g1000.db');
const s = new Store(p);
const ids = rows.map((r) => (r as unknown as { memberId: string }).memberId);
for (let i = 0; i < 5; i++) await s.leaderboardRows(groupId(0), '2025-06-02');
let t = performance.now();
for (let i = 0; i < 30; i++) await s.leaderboardRows(groupId(0), '2025-06-02');
console.log('prisma leaderboardRows', ((performance.now() - t) / 30).toFixed(2));
t = performance.now();
for (let i = 0; i < 30; i++) await s.membersById(ids);
console.log('prisma membersById', ((performance.now() - t) / 30).toFixed(2));
await p.$disconnect();
