// Who runs the commands the user sends to a terminal: root needs no sudo (and containers or code-server often have
// none: "sudo: command not found"); a user without sudo cannot run a root command at all and is told how instead.
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';

export interface Privilege {
  isRoot: boolean;
  hasSudo: boolean;
}

export function currentPrivilege(env: NodeJS.ProcessEnv = process.env): Privilege {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return { isRoot, hasSudo: onPath('sudo', env.PATH ?? '') };
}

function onPath(program: string, pathVariable: string): boolean {
  return pathVariable.split(path.delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(path.join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** `sudo` at the start of the command or of any step after `&&`, `||`, `;` or `|`. */
const SUDO = /(^|&&|\|\||;|\|)(\s*)sudo\s+/g;

export type AdaptedCommand = { command: string } | { needsRoot: string };

/** The command as this user can run it: sudo dropped for root, kept when sudo exists, else what to run as root. */
export function adaptSudo(command: string, privilege: Privilege): AdaptedCommand {
  if (!SUDO.test(command)) return { command };
  SUDO.lastIndex = 0;
  const withoutSudo = command.replace(SUDO, '$1$2');
  if (privilege.isRoot) return { command: withoutSudo };
  if (privilege.hasSudo) return { command };
  return { needsRoot: withoutSudo };
}
