// The shared types (src/diagnosis/types.ts) name `NodeJS.Platform`; the webview compiles without @types/node,
// so declare just that name here instead of pulling Node's globals into browser code.
declare namespace NodeJS {
  type Platform = string;
}
