// Entry point of listen-site detection: picks the detector for a document from its language (and, for config
// files and scripts the editor does not recognise, from its file name).
import { findCommandLineListenSites, packageJsonScriptsSpan } from './commandLineListenSites';
import { findGoListenSites } from './goListenSites';
import type { ListenSite } from './listenSite';
import { findNginxListenSites, looksLikeNginxConfig } from './nginxListenSites';
import { findNodeListenSites } from './nodeListenSites';
import { findPythonListenSites } from './pythonListenSites';
import { findRubyListenSites } from './rubyListenSites';

export type ListenSyntax = 'node' | 'python' | 'ruby' | 'go' | 'nginx' | 'command-line' | 'package-json';

const BY_LANGUAGE: Record<string, ListenSyntax> = {
  javascript: 'node',
  javascriptreact: 'node',
  typescript: 'node',
  typescriptreact: 'node',
  python: 'python',
  ruby: 'ruby',
  go: 'go',
  nginx: 'nginx',
  shellscript: 'command-line',
  makefile: 'command-line',
  procfile: 'command-line',
  dockercompose: 'command-line',
};

/** Which detector reads this document, or undefined when it cannot hold a listen site. */
export function listenSyntaxOf(languageId: string, fileName = ''): ListenSyntax | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  if (base === 'package.json') return 'package-json';
  if (/^Procfile(\.\w+)?$/.test(base) || /^Makefile$/i.test(base)) return 'command-line';
  if (/nginx.*\.conf$|\.nginx$/i.test(base) || /[\\/]nginx[\\/].*\.conf$/i.test(fileName)) return 'nginx';
  const byLanguage = BY_LANGUAGE[languageId];
  if (byLanguage) return byLanguage;
  if (/\.(?:m?[jt]sx?|cjs|cts|mts)$/.test(base)) return 'node';
  if (/\.py$/.test(base)) return 'python';
  if (/\.rb$/.test(base) || base === 'Gemfile') return 'ruby';
  if (/\.go$/.test(base)) return 'go';
  if (/\.(?:sh|bash|zsh)$/.test(base)) return 'command-line';
  return undefined;
}

/**
 * Every place in `text` where a server listens, skipping comments and strings. `fileName` helps with files
 * whose language the editor does not know (gunicorn.conf.py, puma.rb, nginx .conf, Procfile, package.json).
 */
export function findListenSites(text: string, languageId: string, fileName = ''): ListenSite[] {
  const syntax = listenSyntaxOf(languageId, fileName) ??
    (/\.conf$/.test(fileName) && looksLikeNginxConfig(text) ? 'nginx' : undefined);
  switch (syntax) {
    case 'node':
      return findNodeListenSites(text);
    case 'python':
      return findPythonListenSites(text, fileName);
    case 'ruby':
      return findRubyListenSites(text, fileName);
    case 'go':
      return findGoListenSites(text);
    case 'nginx':
      return findNginxListenSites(text);
    case 'command-line':
      return findCommandLineListenSites(text);
    case 'package-json': {
      const scripts = packageJsonScriptsSpan(text);
      return scripts ? findCommandLineListenSites(text, scripts) : [];
    }
    default:
      return [];
  }
}
