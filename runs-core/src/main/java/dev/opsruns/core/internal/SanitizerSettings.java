package dev.opsruns.core.internal;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a host added to the standard sanitizer: names whose values are secrets, names whose values are
 * not, and patterns redacted wherever they match. Names are held normalized (letters and digits only,
 * lower case), the form {@link SanitizerKeys} compares.
 *
 * @param secretNames normalized names whose values are redacted
 * @param plainNames normalized names whose values the name rules leave alone
 * @param patterns shapes redacted wherever they appear
 */
public record SanitizerSettings(Set<String> secretNames, Set<String> plainNames, List<Pattern> patterns) {

    /** Nothing added: the standard rules only. */
    public static final SanitizerSettings NONE = new SanitizerSettings(Set.of(), Set.of(), List.of());

    /** Copies the collections, so the settings cannot change after construction. */
    public SanitizerSettings {
        secretNames = Set.copyOf(secretNames);
        plainNames = Set.copyOf(plainNames);
        patterns = List.copyOf(patterns);
    }

    /**
     * @param name a name as a host wrote it ("X-Acme-Session", "tenant_pin")
     * @return the form the sanitizer compares: letters and digits, lower case
     */
    public static String normalize(String name) {
        return SanitizerKeys.normalize(name);
    }
}
