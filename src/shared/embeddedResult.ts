// A saved HTML report carries its RunResult in a <script type="application/json"> element with this id: the report
// writer (src/report/htmlReport.ts) puts it there and the panel bundle (webview/host/standaloneReport.ts) reads it.
export const EMBEDDED_RESULT_ID = 'load-test-result';
