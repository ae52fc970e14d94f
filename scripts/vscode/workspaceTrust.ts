// Marks a folder trusted in a fresh browser profile BEFORE the workbench loads, so tests run with workspace trust
// enabled (as users have it) yet without the modal. VS Code 1.100's web workbench keeps trusted folders in IndexedDB
// (database "vscode-web-state-db-global", store "ItemTable", key "content.trust.model.key"). If a code-server upgrade
// changes that format, the smoke test's `workspace.isTrusted` assertion fails and points here.
import type { Page } from 'playwright-core';

export async function trustFolderBeforeLoad(page: Page, serverUrl: string, folder: string): Promise<void> {
  const { host } = new URL(serverUrl);
  // IndexedDB is per origin: stand on a page of the server's origin first (cheap, no workbench).
  await page.goto(`${serverUrl}/healthz`);
  const trustModel = JSON.stringify({
    uriTrustInfo: [{ uri: { scheme: 'vscode-remote', authority: host, path: folder }, trusted: true }],
  });
  // Sent as source text: this project's tsconfig has no DOM types, and the code runs in the page anyway.
  await page.evaluate(`(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('vscode-web-state-db-global', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('ItemTable');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('ItemTable', 'readwrite');
      tx.objectStore('ItemTable').put(${JSON.stringify(trustModel)}, 'content.trust.model.key');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  })()`);
}
