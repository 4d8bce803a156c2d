package dev.opsruns.hub.internal;

/**
 * A labelled tick on a chart's axis.
 *
 * @param label the tick's text
 * @param position where it sits along its axis, in the chart's SVG units (x for the time axis, y for
 *     the value axis), formatted for an attribute
 */
public record ChartTick(String label, String position) {
}
