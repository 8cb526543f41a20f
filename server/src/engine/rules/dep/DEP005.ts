// DEP005 container-privileges: a ThemisDB container that runs privileged, as root, may escalate,
// adds capabilities, or has a writable root filesystem.
import { DocView, YamlRef } from '../../documents/yamlModel';
import { items, str } from '../../deploy/yamlAccess';
import { insertUnder, setValue } from '../../fixes/yamlEdits';
import { Span } from '../../types';
import { defineRule, RuleContext } from '../rule';
import { yamlServices } from './shared';

type Setting = 'privileged' | 'root' | 'escalation' | 'capabilities' | 'writableRoot';

const WHAT: Record<Setting, string> = {
  privileged: 'runs privileged',
  root: 'runs as root',
  escalation: 'allows privilege escalation',
  capabilities: 'adds Linux capabilities',
  writableRoot: 'has a writable root filesystem',
};

const WHY: Record<Setting, string> = {
  privileged: 'It has every capability and the host devices, so a compromise of the server is a compromise of the host.',
  root: 'A flaw in the server gives an attacker root inside the container, one step from the host.',
  escalation: 'A setuid binary in the image can give a process more rights than it started with.',
  capabilities: 'Each one widens what a compromised server process can do to the host.',
  writableRoot: 'An attacker can change binaries and libraries of the running container.',
};

const MESSAGES = {
  privileges: (d: { service: string; setting: Setting; detail?: string }) =>
    `${d.service} ${WHAT[d.setting]}${d.detail ? ` (${d.detail})` : ''}. ${WHY[d.setting]} ${
      d.setting === 'writableRoot'
        ? 'Make it read-only, with volumes (or a tmpfs) for the paths the server writes.'
        : 'ThemisDB needs none of this: drop it.'
    }`,
};
type Ctx = RuleContext<typeof MESSAGES>;

export default defineRule({
  meta: {
    id: 'DEP005',
    name: 'container-privileges',
    kinds: ['deploy'],
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: MESSAGES,
  },
  check(ctx) {
    for (const { service, doc, path } of yamlServices(ctx, 'compose')) {
      const name = service.name;
      flagTrue(ctx, name, doc.get([...path, 'privileged']), 'privileged', false);
      const user = doc.get([...path, 'user']);
      if (isRootUser(str(user))) report(ctx, name, user!, 'root', `user: ${str(user)}`, undefined, false);
      capabilities(ctx, name, doc, [...path, 'cap_add']);
      const readOnly = doc.get([...path, 'read_only']);
      if (readOnly && str(readOnly) !== 'true')
        report(
          ctx,
          name,
          readOnly,
          'writableRoot',
          `read_only: ${str(readOnly) ?? ''}`.trim(),
          setValue(ctx.file, readOnly, true),
          true,
        );
      else if (!readOnly) {
        const fix = insertUnder(ctx.file, path, ['read_only: true'], service.docIndex);
        report(ctx, name, service.span, 'writableRoot', 'read_only unset', fix, true);
      }
    }
    for (const { service, doc, path } of yamlServices(ctx, 'kubernetes')) {
      const name = service.name;
      const sc = [...path, 'securityContext'];
      const podSc = [...path.slice(0, -2), 'securityContext'];
      flagTrue(ctx, name, doc.get([...sc, 'privileged']), 'privileged', false);
      flagTrue(ctx, name, doc.get([...sc, 'allowPrivilegeEscalation']), 'escalation', false);
      for (const p of [sc, podSc]) {
        const uid = doc.get([...p, 'runAsUser']);
        if (str(uid) === '0') report(ctx, name, uid!, 'root', 'runAsUser: 0', undefined, false);
        const nonRoot = doc.get([...p, 'runAsNonRoot']);
        if (str(nonRoot) === 'false')
          report(ctx, name, nonRoot!, 'root', 'runAsNonRoot: false', setValue(ctx.file, nonRoot!, true), true);
      }
      capabilities(ctx, name, doc, [...sc, 'capabilities', 'add']);
      const readOnly = doc.get([...sc, 'readOnlyRootFilesystem']);
      if (str(readOnly) === 'true') continue;
      const at = readOnly ?? doc.get(path.concat('name')) ?? doc.get(path);
      if (!at) continue;
      const fix = readOnly
        ? setValue(ctx.file, readOnly, true)
        : insertUnder(ctx.file, sc, ['readOnlyRootFilesystem: true'], service.docIndex);
      report(
        ctx,
        name,
        at,
        'writableRoot',
        readOnly ? 'readOnlyRootFilesystem: false' : 'readOnlyRootFilesystem unset',
        fix,
        true,
      );
    }
  },
});

/** A boolean that must be false, set to true: a safe fix sets it to false. */
function flagTrue(ctx: Ctx, service: string, ref: YamlRef | undefined, setting: Setting, safeValue: boolean): void {
  if (!ref || str(ref) !== 'true') return;
  report(ctx, service, ref, setting, `${ref.path[ref.path.length - 1]}: true`, setValue(ctx.file, ref, safeValue), true);
}

function capabilities(ctx: Ctx, service: string, doc: DocView, p: string[]): void {
  const caps = items(doc, p);
  if (!caps.length) return;
  const names = caps.map(str).filter(Boolean).join(', ');
  report(ctx, service, doc.get(p)!, 'capabilities', names, undefined, false);
}

/** `at`: the setting's value (else its key), or a span such as the service's name. */
function report(
  ctx: Ctx,
  service: string,
  at: YamlRef | Span,
  setting: Setting,
  detail: string,
  edit: ReturnType<typeof setValue>,
  safe: boolean,
): void {
  const span = 'path' in at ? (at.valueSpan ?? at.keySpan) : at;
  if (!span) return;
  const title = `Harden ${service}: ${setting === 'writableRoot' ? 'read-only root filesystem' : `drop ${detail}`}`;
  const fixes = edit ? [safe ? ctx.fix(title, [edit]) : ctx.suggest(title, [edit])] : [];
  ctx.report({ messageId: 'privileges', data: { service, setting, detail }, span, fixes });
}

function isRootUser(user: string | undefined): boolean {
  return user !== undefined && /^(?:root|0)(?::.*)?$/.test(user.trim());
}
