// GPU001 gpu-access-control: GPU access control switched off, or a mode other than strict.
import { setValue } from '../../fixes/yamlEdits';
import { shownValue } from '../query';
import { defineRule } from '../rule';
import { switchRef } from '../shared/documents';
import { boolOf, textOf } from '../shared/values';
import { ACCESS_CONTROL_PATHS } from './shared';

export default defineRule({
  meta: {
    id: 'GPU001',
    name: 'gpu-access-control',
    kinds: ['config'],
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      off: () =>
        'GPU access control is off. ' +
        'Any process on the host can open every GPU and read what other tenants left in VRAM. Turn it on in strict mode.',
      notStrict: (d: { mode: string }) =>
        `GPU access control mode is ${d.mode}, not strict. ` +
        'It only logs or loosely enforces the per-user GPU mapping, so users can still reach GPUs that are not theirs. Use strict.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const path of ACCESS_CONTROL_PATHS) {
        const sw = switchRef(ctx, doc, path);
        if (sw && boolOf(ctx, sw) === false && sw.valueSpan) {
          ctx.report({
            messageId: 'off',
            span: sw.valueSpan,
            fixes: [ctx.fix('Set access_control.enabled to true', [setValue(ctx.file, sw, true)])],
          });
          continue;
        }
        const mode = doc.get([...path, 'mode']);
        const value = textOf(ctx, mode);
        if (!mode || !mode.valueSpan || value === undefined || value.toLowerCase() === 'strict') continue;
        ctx.report({
          messageId: 'notStrict',
          data: { mode: shownValue(ctx, mode) },
          span: mode.valueSpan,
          fixes: [ctx.fix('Set mode to strict', [setValue(ctx.file, mode, 'strict')])],
        });
      }
    }
  },
});
