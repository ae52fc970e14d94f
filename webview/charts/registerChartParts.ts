// Registers only the chart.js parts the panel uses, so the bundle carries nothing else.
import {
  Chart,
  LineController,
  BarController,
  LineElement,
  PointElement,
  BarElement,
  LinearScale,
  LogarithmicScale,
  CategoryScale,
  Legend,
  Tooltip,
  Filler,
} from 'chart.js';

let registered = false;

export function registerChartParts(): void {
  if (registered) return;
  registered = true;
  Chart.register(LineController, BarController, LineElement, PointElement, BarElement, LinearScale, LogarithmicScale, CategoryScale, Legend, Tooltip, Filler);
  // Live data redraws several times a second: animation would only cost time and blur the numbers.
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
}
