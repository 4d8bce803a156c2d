package dev.opsruns.spring;

import dev.opsruns.core.RunsConfig;

/**
 * Changes the {@link RunsConfig} the starter builds from the {@code opsruns.*} properties, before
 * it is built: related links per run type, a clock, a sanitizer. Every bean of this type is applied,
 * in bean order. A {@code RunsConfig} bean of the application's own replaces the starter's entirely.
 */
@FunctionalInterface
public interface OpsRunsConfigCustomizer {

    /**
     * @param builder the builder, holding the properties' settings and every {@code RunListener} bean
     */
    void customize(RunsConfig.Builder builder);
}
