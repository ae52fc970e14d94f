// Options every chart shares, coloured from the theme: axis text, grid lines, legend and tooltip.
import type { ChartOptions, ScaleOptionsByType, CartesianScaleTypeRegistry } from 'chart.js';
import type { ThemeColors } from '../theme/themeColors';
import { formatAxisSeconds } from '../../src/shared/formatNumbers';

type AnyCartesianScale = Partial<ScaleOptionsByType<keyof CartesianScaleTypeRegistry>>;

export function themedScale(theme: ThemeColors, title?: string): AnyCartesianScale {
  return {
    ticks: { color: theme.muted, font: { family: theme.fontFamily, size: theme.fontSize - 2 } },
    grid: { color: theme.grid },
    border: { color: theme.grid },
    title: title ? { display: true, text: title, color: theme.muted, font: { family: theme.fontFamily, size: theme.fontSize - 2 } } : { display: false },
  } as AnyCartesianScale;
}

/** The time axis of the over-time charts: the same range on each so they line up one above the other. */
export function timeScale(theme: ThemeColors, xMaxSec: number): AnyCartesianScale {
  const base = themedScale(theme);
  return {
    ...base,
    type: 'linear',
    min: 0,
    max: xMaxSec,
    ticks: {
      ...base.ticks,
      callback: (value: number | string) => formatAxisSeconds(Number(value)),
      maxRotation: 0,
      // The axis ends at the run's last second, which is rarely a round step: without this "30 s" and "31 s" sit
      // side by side at the end. The padding keeps labels a word apart when the panel is narrow.
      includeBounds: false,
      autoSkipPadding: 16,
    },
  } as AnyCartesianScale;
}

/** An axis of whole things (counter values, queue slots, responses): steps of 1 or more, never 0.1. */
export function countScale(theme: ThemeColors, title?: string): AnyCartesianScale {
  const base = themedScale(theme, title);
  return { ...base, type: 'linear', beginAtZero: true, ticks: { ...base.ticks, precision: 0 } } as AnyCartesianScale;
}

export function themedPlugins(theme: ThemeColors): NonNullable<ChartOptions['plugins']> {
  return {
    legend: {
      position: 'bottom',
      labels: { color: theme.foreground, boxWidth: 12, boxHeight: 12, font: { family: theme.fontFamily, size: theme.fontSize - 1 } },
    },
    tooltip: {
      backgroundColor: theme.background,
      titleColor: theme.foreground,
      bodyColor: theme.foreground,
      borderColor: theme.grid,
      borderWidth: 1,
      titleFont: { family: theme.fontFamily },
      bodyFont: { family: theme.fontFamily },
    },
  };
}

/** Distinct, theme-given colours for error causes; the commonest causes get fixed colours so they are recognisable. */
export function errorCauseColor(theme: ThemeColors, cause: string, index: number): string {
  const fixed: Record<string, string> = {
    ECONNRESET: theme.red,
    ECONNREFUSED: theme.orange,
    'connect-timeout': theme.purple,
    'response-timeout': theme.yellow,
  };
  const cycle = [theme.orange, theme.purple, theme.yellow, theme.red, theme.blue, theme.green];
  return fixed[cause] ?? cycle[index % cycle.length];
}

/**
 * The over-time charts are stacked one above the other on the same time axis; fixed axis widths make their plot
 * areas start and end at the same x, so a burst of errors lines up with the counter jump below it.
 */
export const TIME_CHART_LEFT_AXIS_PX = 72;
/** Room for the queue axis: its title (~16 px rotated) beside ticks up to "4,096" (~32 px) without touching. */
export const TIME_CHART_RIGHT_AXIS_PX = 60;

export function fixedWidth(px: number): { afterFit: (scale: { width: number }) => void } {
  return { afterFit: (scale) => void (scale.width = px) };
}

/** Shared by the charts above the kernel chart: index tooltips, and room on the right where the kernel chart has its
 * queue axis, so the time axes line up. */
export const ABOVE_KERNEL_CHART = {
  normalized: true,
  interaction: { mode: 'index', intersect: false },
  layout: { padding: { right: TIME_CHART_RIGHT_AXIS_PX } },
} as const;
