import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Document, isAlias, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';

/** One YAML file of the bank, parsed with line numbers, and the problem list every check adds to. */

export type BankProblem = { file: string; line: number | undefined; id: string | undefined; message: string };

export type ParsedFile = { file: string; doc: Document.Parsed; lines: LineCounter };

export function formatProblem(p: BankProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return `${where}${p.id === undefined ? '' : ` [${p.id}]`} ${p.message}`;
}

export function lineOf(f: ParsedFile, nodePath: readonly PropertyKey[]): number | undefined {
  // Walk up the path until a node exists (a missing field reports its parent's line).
  for (let n = nodePath.length; n >= 0; n--) {
    const node = f.doc.getIn(nodePath.slice(0, n) as unknown[], true) as {
      range?: [number, number, number];
    } | null;
    if (node?.range !== undefined) return f.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

export class Reporter {
  readonly problems: BankProblem[] = [];

  add(
    f: ParsedFile | string,
    nodePath: readonly PropertyKey[],
    id: string | undefined,
    message: string,
  ): void {
    const file = typeof f === 'string' ? f : f.file;
    const line = typeof f === 'string' ? undefined : lineOf(f, nodePath);
    this.problems.push({ file, line, id, message });
  }

  zod(f: ParsedFile, base: readonly PropertyKey[], id: string | undefined, error: z.ZodError): void {
    for (const issue of error.issues) {
      const field = issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
      this.add(f, [...base, ...issue.path], id, `${field}${issue.message}`);
    }
  }
}

/**
 * Parses one file. Aliases (`*name`) are refused: the bank never needs them, and a few nested
 * ones expand into billions of nodes (a "YAML bomb") when the document is turned into data.
 */
export function parseFile(dir: string, name: string, report: Reporter): ParsedFile | undefined {
  const file = path.join(path.basename(dir), name);
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(path.join(dir, name), 'utf8'), {
    lineCounter: lines,
    prettyErrors: false,
  });
  const at = (offset: number) => lines.linePos(offset).line;
  for (const e of doc.errors) {
    report.problems.push({
      file,
      line: at(e.pos[0]),
      id: undefined,
      message: `YAML: ${e.message.split('\n')[0]}`,
    });
  }
  if (doc.errors.length > 0) return undefined;
  let aliases = 0;
  visit(doc, {
    Alias(_, node) {
      aliases++;
      if (aliases <= 3) {
        const line = node.range == null ? undefined : at(node.range[0]);
        report.problems.push({
          file,
          line,
          id: undefined,
          message: `YAML: alias *${node.source} is not allowed in the bank; write the value out`,
        });
      }
    },
  });
  if (aliases > 0 || isAlias(doc.contents)) return undefined;
  return { file, doc, lines };
}

export function idOf(raw: unknown): string | undefined {
  return typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
    ? (raw as { id: string }).id
    : undefined;
}
