// Recognises a dev server from a command line: a running process's argv joined, or a package.json script.
// Rules are checked in order, specific before generic (e.g. "ng serve" before a plain node process).

interface FrameworkRule {
  id: string;
  pattern: RegExp;
}

// "(^|[\s/])name" matches the tool as a word or as the last segment of a path (node_modules/.bin/vite).
const RULES: FrameworkRule[] = [
  { id: 'next', pattern: /\bnext-server\b|(^|[\s/])next(\.js)?(\s+(dev|start)\b|\s*$|\s+-)/ },
  { id: 'nuxt', pattern: /(^|[\s/])(nuxi|nuxt)(\.m?js)?(\s+(dev|start|preview)\b|\s*$)/ },
  { id: 'astro', pattern: /(^|[\s/])astro(\.m?js)?\s+(dev|start|preview)\b/ },
  { id: 'remix', pattern: /(^|[\s/])remix(\.js)?\s+dev\b|(^|[\s/])remix-serve\b/ },
  { id: 'sveltekit', pattern: /(^|[\s/])svelte-kit(\.js)?\s+(dev|preview)\b/ },
  { id: 'angular', pattern: /(^|[\s/])ng(\.js)?\s+(serve|s)\b/ },
  { id: 'react-scripts', pattern: /react-scripts(\/scripts\/start\.js|(\.js)?\s+start\b)/ },
  { id: 'webpack-dev-server', pattern: /webpack-dev-server|(^|[\s/])webpack(-cli)?(\.js)?\s+(serve|s)\b/ },
  { id: 'gatsby', pattern: /(^|[\s/])gatsby(\.js)?\s+develop\b/ },
  { id: 'storybook', pattern: /(^|[\s/])(storybook|start-storybook)(\.js)?(\s+dev\b|\s|$)/ },
  { id: 'docusaurus', pattern: /(^|[\s/])docusaurus(\.js)?\s+start\b/ },
  { id: 'eleventy', pattern: /(^|[\s/])(eleventy|@11ty\/eleventy)(\.js)?\s+.*--serve\b/ },
  { id: 'parcel', pattern: /(^|[\s/])parcel(\.js)?(\s+serve\b|\s+[^\s-]+\.html\b)/ },
  { id: 'vite', pattern: /(^|[\s/])vite(\.m?js)?(\s|$)/ },
  { id: 'jekyll', pattern: /(^|[\s/])jekyll\s+(serve|s|server)\b/ },
  { id: 'hugo', pattern: /(^|[\s/])hugo\s+(server|serve|s)\b/ },
  { id: 'rails', pattern: /(^|[\s/])rails\s+(server|s)\b/ },
  // Puma's process title is "puma 5.6.5 (tcp://127.0.0.1:9292) [app]": a Rack app, Rails only with bin/rails.
  { id: 'puma', pattern: /^puma\b.*\(tcp:|(^|[\s/])puma(\s|$)/ },
  { id: 'rack', pattern: /(^|[\s/])rackup(\s|$)/ },
  { id: 'webrick', pattern: /(^|\s)-run\s+-e\s+httpd\b/ },
  { id: 'django', pattern: /manage\.py\s+runserver\b/ },
  { id: 'flask', pattern: /(^|[\s/])flask\s+(.*\s)?run\b|-m\s+flask\s+(.*\s)?run\b/ },
  { id: 'uvicorn', pattern: /(^|[\s/])uvicorn(\s|$)|-m\s+uvicorn\b/ },
  { id: 'gunicorn', pattern: /(^|[\s/])gunicorn(:|\s|$)|-m\s+gunicorn\b/ },
  { id: 'php', pattern: /(^|[\s/])php[\d.]*\s+(.*\s)?-S\s*\S+/ },
  { id: 'python-http.server', pattern: /-m\s+http\.server\b/ },
  { id: 'node', pattern: /(^|[\s/])(node|nodemon|ts-node|tsx|bun|deno)(\.exe)?(\s|$)/ },
];

export function frameworkFromCommand(command: string): string | undefined {
  const text = command.trim();
  return RULES.find((rule) => rule.pattern.test(text))?.id;
}

/**
 * Some tools are only visible in the dependencies: SvelteKit and Remix run as `vite`, an Express app as `node`.
 */
export function refineWithDependencies(framework: string | undefined, dependencies: Set<string>): string | undefined {
  if (framework === 'vite') {
    if (dependencies.has('@sveltejs/kit')) return 'sveltekit';
    if (dependencies.has('@remix-run/dev') && !dependencies.has('@react-router/dev')) return 'remix';
  }
  if (framework === 'node') {
    for (const server of ['express', 'fastify', 'koa', 'hono']) if (dependencies.has(server)) return server;
  }
  return framework;
}
