import { Arg, Env, ModifiableInstruction } from './ast';
import { LineIndex } from '../common/text';
import type { Range } from '../common/types';
import type { DockerfileModel } from './model';

/** A stage name or a variable, with where it is declared and where it is used. */
export interface DockerfileSymbol {
  kind: 'stage' | 'variable';
  name: string;
  /** For variables: the stage index whose scope it belongs to, -1 for global ARGs. */
  scope: number;
  declarations: Array<{ range: Range; value: string | null; instruction: string }>;
  references: Range[];
}

const VAR_REF = /(\\?)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Stages and variables of a Dockerfile and their uses: `AS name` ↔ `FROM name`, `COPY --from=name`,
 * `RUN --mount=from=name`; ARG/ENV declarations ↔ `$NAME` / `${NAME…}` in later instructions of the
 * same stage (global ARGs ↔ FROM lines and stage ARGs that re-declare them).
 */
export function dockerfileSymbols(model: DockerfileModel, text: string): DockerfileSymbol[] {
  const lines = new LineIndex(text);
  const out: DockerfileSymbol[] = [];
  const stages = new Map<string, DockerfileSymbol>();
  model.stages.forEach((stage) => {
    const from = stage.from.node;
    const nameArg = from.getArguments().find((_, i, all) => i > 0 && all[i - 1].getValue().toUpperCase() === 'AS');
    if (stage.name && nameArg && !stages.has(stage.name)) {
      const sym: DockerfileSymbol = { kind: 'stage', name: stage.name, scope: -1, declarations: [{ range: nameArg.getRange(), value: stage.base, instruction: 'FROM' }], references: [] };
      stages.set(stage.name, sym);
      out.push(sym);
    }
  });
  const refStage = (name: string, range: Range) => stages.get(name.toLowerCase())?.references.push(range);
  for (const stage of model.stages) {
    const baseArg = stage.from.node.getArguments().find((a) => !a.getValue().startsWith('--'));
    if (baseArg && stages.has(baseArg.getValue().toLowerCase())) refStage(baseArg.getValue(), baseArg.getRange());
    for (const step of stage.steps) {
      if (!(step.node instanceof ModifiableInstruction)) continue;
      for (const flag of step.node.getFlags()) {
        const v = flag.getValue();
        const vr = flag.getValueRange();
        if (!v || !vr) continue;
        if (flag.getName() === 'from') refStage(v, vr);
        if (flag.getName() === 'mount') {
          const m = /(^|,)from=([^,]+)/.exec(v);
          if (m) {
            const start = lines.offsetAt(vr.start) + m.index + m[1].length + 5;
            refStage(m[2], lines.rangeOf(start, start + m[2].length));
          }
        }
      }
    }
  }

  // Variables.
  const globals = new Map<string, DockerfileSymbol>();
  const declare = (step: (typeof model.preamble)[number], scope: number, table: Map<string, DockerfileSymbol>) => {
    if (!(step.node instanceof Arg || step.node instanceof Env)) return;
    for (const p of step.node.getProperties()) {
      const name = p.getName();
      let sym = table.get(name);
      // `ARG NAME` without a value inside a stage re-declares the global ARG of that name.
      if (!sym && scope >= 0 && step.instruction === 'ARG' && p.getValue() === null && globals.has(name)) {
        sym = globals.get(name)!;
        table.set(name, sym);
      }
      if (!sym) {
        sym = { kind: 'variable', name, scope, declarations: [], references: [] };
        table.set(name, sym);
        out.push(sym);
      }
      sym.declarations.push({ range: p.getNameRange(), value: p.getValue(), instruction: step.instruction });
    }
  };
  const scan = (range: Range, table: Map<string, DockerfileSymbol>, skipDeclNames = false) => {
    const start = lines.offsetAt(range.start);
    const body = text.slice(start, lines.offsetAt(range.end));
    for (const m of body.matchAll(VAR_REF)) {
      if (m[1]) continue;
      const name = m[2] ?? m[4];
      const sym = table.get(name);
      if (!sym) continue;
      const nameStart = start + m.index! + m[1].length + (m[2] ? 2 : 1);
      void skipDeclNames;
      sym.references.push(lines.rangeOf(nameStart, nameStart + name.length));
    }
  };
  for (const step of model.preamble) {
    declare(step, -1, globals);
  }
  for (const stage of model.stages) {
    scan(stage.from.range, globals);
    const table = new Map<string, DockerfileSymbol>();
    for (const step of stage.steps) {
      const args = step.node.getArgumentsRange();
      if (args) scan(args, table);
      declare(step, stage.index, table);
    }
  }
  return out;
}

/** The symbol whose declaration or reference contains the position. */
export function symbolAt(symbols: DockerfileSymbol[], line: number, character: number): DockerfileSymbol | null {
  const inside = (r: Range) => r.start.line === line && r.start.character <= character && character <= r.end.character;
  return symbols.find((s) => s.declarations.some((d) => inside(d.range)) || s.references.some(inside)) ?? null;
}
