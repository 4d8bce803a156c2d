package dev.opsruns.hub.internal;

import java.util.List;

/**
 * What both charts draw the same way: the SVG's size, the plot's edges, and the labelled ticks of the
 * value axis (with a grid line each) and of the time axis.
 *
 * @param width the SVG's width, in its own units
 * @param height the SVG's height
 * @param plotLeft the plot's left edge (the value axis)
 * @param plotRight the plot's right edge
 * @param plotTop the plot's top edge
 * @param plotBottom the plot's bottom edge (the time axis)
 * @param valueTicks the value axis's ticks, from zero up
 * @param timeTicks the time axis's ticks, in time order
 */
public record ChartAxes(int width, int height, String plotLeft, String plotRight, String plotTop, String plotBottom,
        List<ChartTick> valueTicks, List<ChartTick> timeTicks) {

    /** @return the {@code viewBox} attribute */
    public String viewBox() {
        return "0 0 " + width + " " + height;
    }
}
