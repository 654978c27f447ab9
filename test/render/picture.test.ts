import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.ts';
import {
  type ProgressPicture,
  pictureLabels,
  renderProgressPicture,
} from '../../src/render/picture/index.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/progress-picture.png', import.meta.url));
// The README shows the same picture, so it is refreshed together with the fixture.
const DOCS_COPY = fileURLToPath(new URL('../../docs/progress-picture.png', import.meta.url));

const DAY_MS = 86_400_000;

function shift(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * DAY_MS).toISOString().slice(0, 10);
}

const TODAY = '2026-11-20';

/**
 * Half a year of a plausible learner: a slow start, a summer lull, busier weeks before an exam,
 * and a 9-day streak ending today (the day before it has no reviews). A tiny seeded generator
 * keeps the data varied yet identical on every run.
 */
function fixedStats(): ProgressPicture {
  let seed = 20261120;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const reviewsByDay: { day: string; reviews: number }[] = [];
  for (let ago = 190; ago >= 0; ago--) {
    const day = shift(TODAY, -ago);
    const inStreak = ago <= 8;
    const lull = ago > 110 && ago < 135;
    const busy = ago > 30 && ago < 60;
    const studies = inStreak || (ago !== 9 && next() < (lull ? 0.15 : busy ? 0.85 : 0.55));
    if (!studies) continue;
    const base = busy ? 35 : inStreak ? 25 : 15;
    reviewsByDay.push({ day, reviews: Math.max(1, Math.round(base * (0.3 + next() * 1.4))) });
  }
  const streakDays = Array.from({ length: 9 }, (_, i) => shift(TODAY, i - 8));
  const forecast = [42, 18, 25, 9, 31, 14, 0, 22, 7, 12, 5, 19, 3, 11].map((due, i) => ({
    day: shift(TODAY, i),
    due,
  }));
  return {
    memberName: 'Priya Raman',
    today: TODAY,
    reviewsByDay,
    currentStreak: 9,
    streakDays,
    forecast,
    topics: [
      { title: 'DynamoDB fundamentals', mastered: 38, seen: 44, total: 48 },
      { title: 'DynamoDB indexes (GSI / LSI)', mastered: 17, seen: 26, total: 30 },
      { title: 'DynamoDB capacity & pricing', mastered: 12, seen: 20, total: 28 },
      { title: 'Aurora architecture', mastered: 21, seen: 27, total: 35 },
      { title: 'Aurora Serverless v2', mastered: 6, seen: 14, total: 22 },
      { title: 'RDS Multi-AZ & read replicas', mastered: 25, seen: 30, total: 32 },
      { title: 'RDS backups & snapshots', mastered: 14, seen: 16, total: 18 },
      { title: 'ElastiCache for Redis & Memcached', mastered: 9, seen: 19, total: 26 },
      { title: 'Neptune', mastered: 2, seen: 7, total: 16 },
      { title: 'DocumentDB', mastered: 5, seen: 9, total: 15 },
      { title: 'Keyspaces & Timestream', mastered: 0, seen: 3, total: 14 },
      {
        title: 'Database Migration Service and the Schema Conversion Tool',
        mastered: 11,
        seen: 13,
        total: 24,
      },
      { title: 'Redshift', mastered: 0, seen: 0, total: 20 },
    ],
    readiness: {
      overall: 0.41,
      answered: 642,
      windowDays: 30,
      domains: [
        {
          title: 'Workload-specific database design',
          weight: 26,
          accuracy: 0.82,
          answered: 310,
          coverage: 0.64,
        },
        { title: 'Deployment and migration', weight: 20, accuracy: 0.66, answered: 88, coverage: 0.41 },
        { title: 'Management and operations', weight: 18, accuracy: 0.79, answered: 120, coverage: 0.7 },
        { title: 'Monitoring and troubleshooting', weight: 18, accuracy: 0.52, answered: 64, coverage: 0.33 },
        { title: 'Database security', weight: 18, accuracy: null, answered: 0, coverage: 0.05 },
      ],
      exams: [0.72, 0.68, 0.61],
    },
  };
}

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function pixels(png: Buffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return {
    width: image.width,
    height: image.height,
    data: ctx.getImageData(0, 0, image.width, image.height).data,
  };
}

/** Share of pixels whose largest channel difference exceeds `threshold` (0–255). */
async function differingShare(a: Buffer, b: Buffer, threshold: number): Promise<number> {
  const pa = await pixels(a);
  const pb = await pixels(b);
  expect({ width: pb.width, height: pb.height }).toEqual({ width: pa.width, height: pa.height });
  let differing = 0;
  for (let i = 0; i < pa.data.length; i += 4) {
    let worst = 0;
    for (let c = 0; c < 4; c++)
      worst = Math.max(worst, Math.abs((pa.data[i + c] ?? 0) - (pb.data[i + c] ?? 0)));
    if (worst > threshold) differing += 1;
  }
  return differing / (pa.width * pa.height);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('progress picture', () => {
  it('GIVEN fixed stats THEN the picture matches the stored image', async (ctx) => {
    const png = await renderProgressPicture(fixedStats());
    if (process.env.UPDATE_PICTURES === '1' || !existsSync(FIXTURE)) {
      mkdirSync(dirname(FIXTURE), { recursive: true });
      writeFileSync(FIXTURE, png);
      mkdirSync(dirname(DOCS_COPY), { recursive: true });
      copyFileSync(FIXTURE, DOCS_COPY);
      ctx.skip(`wrote ${FIXTURE} (and its docs copy) instead of comparing: review it and commit it`);
    }
    // Anti-aliasing may differ slightly between Skia builds; a real layout change moves far more.
    expect(await differingShare(png, readFileSync(FIXTURE), 24)).toBeLessThanOrEqual(0.005);
  });

  for (const locale of ['ko', 'vi'] as const) {
    it(`GIVEN fixed stats in ${locale} THEN the picture, in its language and font, matches the stored image`, async (ctx) => {
      const fixture = FIXTURE.replace('.png', `-${locale}.png`);
      const names = { ko: '김민수', vi: 'Nguyễn Thị Hương' };
      const titles = {
        ko: ['RDS 백업과 복구', '고가용성과 읽기 전용 복제본'],
        vi: ['Sao lưu và khôi phục RDS', 'Tính sẵn sàng cao và read replica'],
      };
      const domains = {
        ko: ['워크로드별 데이터베이스 설계', '배포 및 마이그레이션'],
        vi: ['Thiết kế cơ sở dữ liệu theo khối lượng công việc', 'Triển khai và di chuyển'],
      };
      const fixed = fixedStats();
      const readiness = fixed.readiness ?? {
        overall: 0,
        answered: 0,
        windowDays: 30,
        domains: [],
        exams: [],
      };
      const stats = {
        ...fixed,
        readiness: {
          ...readiness,
          domains: readiness.domains
            .slice(0, 2)
            .map((d, i) => ({ ...d, title: domains[locale][i] ?? d.title })),
        },
      };
      const png = await renderProgressPicture({
        ...stats,
        memberName: names[locale],
        topics: stats.topics
          .slice(0, 2)
          .map((topic, i) => ({ ...topic, title: titles[locale][i] ?? topic.title })),
        labels: pictureLabels(translator(locale)),
      });
      if (process.env.UPDATE_PICTURES === '1' || !existsSync(fixture)) {
        writeFileSync(fixture, png);
        ctx.skip(`wrote ${fixture} instead of comparing: review it and commit it`);
      }
      expect(await differingShare(png, readFileSync(fixture), 24)).toBeLessThanOrEqual(0.005);
      // Not the English picture with other words: the whole header and legends differ.
      const english = await renderProgressPicture({
        ...stats,
        memberName: names[locale],
        topics: stats.topics.slice(0, 2),
      });
      expect(await differingShare(png, english, 24)).toBeGreaterThan(0.005);
    });
  }

  it('GIVEN fixed stats WHEN rendered twice THEN the bytes are identical', async () => {
    const first = await renderProgressPicture(fixedStats());
    const second = await renderProgressPicture(fixedStats());
    expect(first.equals(second)).toBe(true);
  });

  it('GIVEN 13 topics and 5 exam domains THEN the result is a PNG 1000 px wide and at most 900 px high', async () => {
    const png = await renderProgressPicture(fixedStats());
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const { width, height } = pngSize(png);
    expect(width).toBe(1000);
    expect(height).toBeGreaterThanOrEqual(700);
    expect(height).toBeLessThanOrEqual(900);
    const { readiness: _, ...without } = fixedStats();
    expect(pngSize(await renderProgressPicture(without)).height).toBeLessThan(height);
  });

  it('GIVEN a new member with no reviews and no topic seen THEN the picture renders', async () => {
    const png = await renderProgressPicture({
      memberName: 'New learner',
      today: TODAY,
      reviewsByDay: [],
      currentStreak: 0,
      streakDays: [],
      forecast: [],
      topics: fixedStats().topics.map((topic) => ({ ...topic, mastered: 0, seen: 0 })),
    });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png).width).toBe(1000);
  });

  it('GIVEN no topics at all THEN a shorter picture renders', async () => {
    const png = await renderProgressPicture({ ...fixedStats(), topics: [] });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png).height).toBeLessThan(pngSize(await renderProgressPicture(fixedStats())).height);
  });

  it('GIVEN a topic without questions and odd counts THEN it renders without error', async () => {
    const png = await renderProgressPicture({
      ...fixedStats(),
      topics: [
        { title: 'Empty topic', mastered: 0, seen: 0, total: 0 },
        { title: 'Inconsistent counts', mastered: 9, seen: 3, total: 5 },
      ],
    });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('GIVEN a malformed day THEN rendering fails with a clear error', async () => {
    await expect(renderProgressPicture({ ...fixedStats(), today: '20/11/2026' })).rejects.toThrow(
      'not a YYYY-MM-DD day',
    );
  });
});
