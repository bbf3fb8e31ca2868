/**
 * `npm run bench`: runs every bench/*.bench.ts (each exports `run(report)`) and prints markdown
 * tables, ready for BENCHMARKS.md. Pass names to run a subset: `npm run bench -- dockerfile`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

type Report = (section: string, rows: string[][]) => void;

function table(rows: string[][]): string {
  const [head, ...body] = rows;
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).filter((f) => !only.length || only.some((o) => f.startsWith(o))).sort();
  console.log(`# Drydock benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}\n`);
  for (const f of files) {
    const mod = (await import(path.join(__dirname, f))) as { run(report: Report): Promise<void> };
    await mod.run((section, rows) => console.log(`## ${section}\n\n${table(rows)}\n`));
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
