// A port set on a command line or script: `--port 3001`, `--port=3001`, `-p 3001`, `-P 4001` (jekyll),
// `PORT=3001 vite`, `runserver 0.0.0.0:8001`, `php -S localhost:8080`, `http.server 8001`, `--bind :8000`.
// Values that are not plain numbers (${PORT}, $PORT) are ignored.

function validPort(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port > 0 && port < 65536 ? port : undefined;
}

export function portFromCommand(command: string): number | undefined {
  const patterns: RegExp[] = [
    /(?:^|\s)(?:--port|-p|-P)(?:=|\s+)(\d+)(?=\s|$|&|;)/,
    /(?:^|\s)(?:cross-env\s+)?(?:[A-Z_]*_)?PORT=(\d+)(?=\s)/,
    /manage\.py\s+runserver(?:\s+-\S+)*\s+(?:\[[^\]]*\]:|[^\s:]+:)?(\d+)(?=\s|$)/,
    /(?:^|\s)-S\s*(?:\[[^\]]*\]|[^\s:]*):(\d+)/,
    // Options may come before the port and take a value: `--bind 127.0.0.1 8001`.
    /-m\s+http\.server(?:\s+-\S+(?:\s+[^-\s]\S*)?)*\s+(\d+)(?=\s|$)/,
    /(?:^|\s)(?:--bind|-b)(?:=|\s+)(?:\[[^\]]*\]|[\w.-]*):(\d+)/,
    /(?:^|\s)--listen(?:=|\s+)(?:\S*:)?(\d+)(?=\s|$)/,
  ];
  for (const pattern of patterns) {
    const port = validPort(pattern.exec(command)?.[1]);
    if (port !== undefined) return port;
  }
  return undefined;
}
