// Ports the tools listen on when nothing else is said. php -S has no default (the address is on its command line):
// 8000 is the one its manual uses, and the one we start it with.
export const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  vite: 5173,
  sveltekit: 5173,
  next: 3000,
  nuxt: 3000,
  remix: 3000,
  'react-scripts': 3000,
  docusaurus: 3000,
  astro: 4321,
  angular: 4200,
  'webpack-dev-server': 8080,
  eleventy: 8080,
  gatsby: 8000,
  parcel: 1234,
  storybook: 6006,
  jekyll: 4000,
  hugo: 1313,
  rails: 3000,
  puma: 9292,
  rack: 9292,
  webrick: 8080,
  php: 8000,
  laravel: 8000,
  django: 8000,
  flask: 5000,
  uvicorn: 8000,
  gunicorn: 8000,
  'python-http.server': 8000,
};

/** Frameworks that read PORT from the environment, so a PORT in .env moves them. */
export const READS_PORT_FROM_ENV = new Set(['react-scripts', 'nuxt', 'node', 'express', 'fastify', 'koa', 'hono', 'remix']);

export function defaultPortFor(framework: string | undefined): number | undefined {
  return framework ? DEFAULT_PORTS[framework] : undefined;
}
