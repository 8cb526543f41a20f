// The engine's notice for a link it did not follow. Not a rule (RULES.md has no ID
// for it and no profile or setting changes it): the workspace boundary is not
// optional, and a link out of it is reported, never skipped in silence.
import * as path from 'path';
import { Finding } from '../types';
import { LinkRefusal } from './workspace';

/** The notice's ID in every output (outside the rule ID scheme, so no rule setting turns it off). */
export const LINK_NOTICE_ID = 'themisdb-boundary';

export function linkNotice(linkPath: string, refusal: LinkRefusal): Finding {
  const name = path.basename(linkPath);
  const message =
    refusal.reason === 'outside'
      ? `${name} is a symbolic link to ${refusal.target}, outside the workspace: it was not read, and no fix writes through it. Keep the file itself in the workspace, or name the target on the command line.`
      : `${name} is a symbolic link to ${refusal.target}, which does not exist: it was not read, and no fix writes through it.`;
  return {
    ruleId: LINK_NOTICE_ID,
    ruleName: 'link-outside-workspace',
    messageId: refusal.reason,
    severity: refusal.reason === 'outside' ? 'error' : 'warning',
    span: { start: 0, end: 0 },
    message,
    fixes: [],
  };
}
