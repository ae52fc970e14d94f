// The macOS form of "raise the accept queue's cap": kern.ipc.somaxconn (default 128 on macOS), set with sysctl -w.
import type { Fix } from '../../shared/findings';

export const MAC_SOMAXCONN = 'kern.ipc.somaxconn';
export const MAC_SOMAXCONN_DAEMON = '/Library/LaunchDaemons/local.load-test-localhost.somaxconn.plist';

/** A LaunchDaemon that runs the sysctl once at every boot, as root. */
function bootDaemon(value: number): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '  <key>Label</key><string>local.load-test-localhost.somaxconn</string>',
    `  <key>ProgramArguments</key><array><string>/usr/sbin/sysctl</string><string>-w</string><string>${MAC_SOMAXCONN}=${value}</string></array>`,
    '  <key>RunAtLoad</key><true/>',
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

export function macSomaxconnFix(value: number): Fix {
  return {
    title: `Raise ${MAC_SOMAXCONN}, then restart the server`,
    kind: 'command',
    command: `sudo sysctl -w ${MAC_SOMAXCONN}=${value}`,
    persistent: { file: MAC_SOMAXCONN_DAEMON, content: bootDaemon(value) },
    detail:
      'macOS forgets this at the next restart. There is no /etc/sysctl.d, and Apple does not document that current ' +
      'releases still read /etc/sysctl.conf at boot; a LaunchDaemon that runs the command at boot keeps it ' +
      `(save the file, then \`sudo launchctl bootstrap system ${MAC_SOMAXCONN_DAEMON}\`). The kernel clamps the ` +
      "backlog when the server calls listen(): a running server keeps its old capacity.",
  };
}
