// A saved HTML report has no extension behind it: the run is read from the JSON block the report embeds.
import { EMBEDDED_RESULT_ID } from '../../src/shared/embeddedResult';
import type { RunResult } from '../../src/shared/result';
import { finishedPanelRun } from '../../src/shared/protocol';
import type { PanelModel } from '../model/panelModel';
import { emptyModel } from '../model/panelModel';


export function readEmbeddedResult(): RunResult | undefined {
  const block = document.getElementById(EMBEDDED_RESULT_ID);
  if (!block?.textContent) return undefined;
  try {
    return JSON.parse(block.textContent) as RunResult;
  } catch {
    return undefined;
  }
}

export function modelForReport(result: RunResult): PanelModel {
  const model = emptyModel();
  model.run = finishedPanelRun(`report-${result.startedAt}`, result);
  return model;
}
