// Reading a sysctl value the way the kernel prints it, shared by the diagnosis and the panel.

/** A sysctl value as a number ("4096", "4\n"; "32768 60999" -> 32768); undefined when absent or not a number. */
export function numericSetting(settings: Record<string, string>, key: string): number | undefined {
  const v = settings[key];
  if (v === undefined) return undefined;
  const n = Number(v.split(' ')[0]);
  return Number.isFinite(n) ? n : undefined;
}
