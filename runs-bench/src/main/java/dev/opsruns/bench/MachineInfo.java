package dev.opsruns.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on, from /proc where the JVM cannot tell. */
final class MachineInfo {

    private MachineInfo() {
    }

    /** @return cores, CPU model, memory and OS */
    static String describe() {
        String cpu = firstValue("/proc/cpuinfo", "model name");
        String mem = firstValue("/proc/meminfo", "MemTotal");
        String memText = mem.isEmpty() ? "" : String.format(Locale.ROOT, ", %.0f GiB RAM",
                Long.parseLong(mem.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
        return Runtime.getRuntime().availableProcessors() + " cores (nproc)" + (cpu.isEmpty() ? "" : ", " + cpu) + memText
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** @return the 1, 5 and 15-minute load averages, or "unknown" */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String firstValue(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave it out
        }
        return "";
    }
}
