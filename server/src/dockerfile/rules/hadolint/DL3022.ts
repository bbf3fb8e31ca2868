import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3022', title: 'COPY --from should reference a previously defined FROM alias', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3022'),
  examples: {
    bad: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=builder /out/app /app\n',
    good: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/\n',
  },
};

/** `--from=` names an earlier stage, a stage index, or an image (which then has a registry, tag or slash). */
export const DL3022: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const { step, stage } of f.stepsOf('COPY')) {
      const from = f.flags(step).find((fl) => fl.name === 'from');
      if (!from?.value || !stage || from.value.includes('$')) continue;
      const v = from.value;
      if (/^\d+$/.test(v)) {
        if (Number(v) >= stage.index) out.push(report(meta, from.valueRange ?? from.range, `Stage index ${v} is not an earlier stage.`));
        continue;
      }
      const target = f.stageNamed(v);
      if (target && target.index < stage.index) continue;
      if (target) continue; // DL3023 (itself) or a later stage: reported elsewhere or by the builder
      if (/[:/@.]/.test(v)) continue; // an image reference
      const names = f.model.stages.filter((s) => s.name && s.index < stage.index).map((s) => s.name);
      out.push(report(meta, from.valueRange ?? from.range, `No earlier stage is named "${v}"${names.length ? ` (stages: ${names.join(', ')})` : ''}; Docker would try to pull an image "${v}".`));
    }
    return out;
  },
};
