// Panel entry: connects to the host (or reads an embedded report), keeps the model, and redraws once per frame.
import '../media/panel.css';
import { connectToHost } from './host/hostBridge';
import { createFrameScheduler } from './host/frameScheduler';
import { isHostMessage } from './host/hostMessages';
import { modelForReport, readEmbeddedResult } from './host/standaloneReport';
import { applyHostMessage, emptyModel, restoreModel, type PanelModel } from './model/panelModel';
import { registerChartParts } from './charts/registerChartParts';
import { readThemeColors } from './theme/themeColors';
import { watchThemeChanges } from './theme/themeWatcher';
import { applyDefaultLightTheme } from './theme/defaultLightTheme';
import { PanelView } from './view/panelView';
import type { PanelActions } from './view/panelActions';

/** setState serialises the model; at most this often while live, and right away when a run finishes. */
const SAVE_INTERVAL_MS = 500;

function start(): void {
  registerChartParts();
  const bridge = connectToHost();
  if (!bridge.connected) applyDefaultLightTheme();

  let model: PanelModel = emptyModel();
  if (bridge.connected) {
    model = restoreModel(bridge.loadState()) ?? model;
  } else {
    const result = readEmbeddedResult();
    if (result) model = modelForReport(result);
  }

  const actions: PanelActions = {
    connected: bridge.connected,
    post: (message) => bridge.post(message),
    copy: (text) => {
      // The host owns the clipboard in VS Code; a standalone report uses the browser's.
      if (bridge.connected) bridge.post({ type: 'copyText', text });
      else void navigator.clipboard?.writeText(text).catch(() => undefined);
    },
  };

  const root = document.getElementById('app') ?? document.body;
  const view = new PanelView(root, actions, readThemeColors(), {
    pickBaseline: (runId) => {
      model.comparedRunId = runId;
      saveSoon(true);
      scheduleDraw();
    },
    markStopping: () => {
      if (model.run?.status !== 'running') return;
      model.stopping = true;
      scheduleDraw();
    },
  });

  let lastSave = 0;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    saveTimer = undefined;
    lastSave = Date.now();
    bridge.saveState(model);
  };
  const saveSoon = (urgent: boolean) => {
    if (!bridge.connected) return;
    if (urgent || Date.now() - lastSave >= SAVE_INTERVAL_MS) {
      if (saveTimer) clearTimeout(saveTimer);
      save();
    } else {
      saveTimer ??= setTimeout(save, SAVE_INTERVAL_MS - (Date.now() - lastSave));
    }
  };

  const scheduleDraw = createFrameScheduler(() => view.render(model));

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isHostMessage(message)) return;
    if (!applyHostMessage(model, message)) return;
    saveSoon(message.type !== 'progress');
    scheduleDraw();
  });
  watchThemeChanges(() => view.applyTheme(readThemeColors()));

  // Draw the restored state at once, before the host answers `ready` with `init`.
  view.render(model);
  bridge.post({ type: 'ready' });
}

start();
