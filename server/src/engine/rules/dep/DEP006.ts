// DEP006 image-unpinned: a ThemisDB image without a tag, or tagged `latest`.
import { str } from '../../deploy/yamlAccess';
import { saysThemis } from '../../deploy/recognize';
import { defineRule } from '../rule';
import { yamlServices } from './shared';

export default defineRule({
  meta: {
    id: 'DEP006',
    name: 'image-unpinned',
    kinds: ['deploy'],
    severity: 'info',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      unpinned: (d: { image: string; latest: boolean }) =>
        `Image ${d.image} is not pinned (${d.latest ? 'tag latest' : 'no tag'}). Every pull may start another ThemisDB version, with other defaults and checks, than the one that was reviewed. Pin a version tag, or a digest (@sha256:…).`,
    },
  },
  check(ctx) {
    for (const { doc, path } of [...yamlServices(ctx, 'compose'), ...yamlServices(ctx, 'kubernetes')]) {
      const ref = doc.get([...path, 'image']);
      const image = str(ref);
      if (!ref?.valueSpan || !image || !saysThemis(image) || image.includes('${') || image.includes('@')) continue;
      const tag = /:([^/:]+)$/.exec(image)?.[1];
      if (tag !== undefined && tag !== 'latest') continue;
      ctx.report({ messageId: 'unpinned', data: { image, latest: tag === 'latest' }, span: ref.valueSpan });
    }
  },
});
