package dev.opsruns.core;

import dev.opsruns.core.internal.SanitizerSettings;
import dev.opsruns.core.internal.StandardFailureSanitizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes a failure message safe to store, show and send: removes credentials, drops stack traces and
 * payload dumps, strips control characters and caps the length, keeping what helps diagnosis (error
 * codes, HTTP statuses, request and correlation ids, GUIDs, host names, file paths, URLs without
 * credentials, the exception line of a stack trace).
 *
 * <p>Implementations never throw and run in time linear in the input.
 *
 * <p>A host whose messages carry secrets of its own extends the standard rules rather than replacing
 * them:
 *
 * <pre>{@code
 * FailureSanitizer sanitizer = FailureSanitizer.builder()
 *         .secretNames("tenant_pin", "X-Acme-Session")
 *         .secretPatterns(Pattern.compile("acme_[a-z0-9]{32}+"))
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface FailureSanitizer {

    /** The longest message {@link #standard()} returns. */
    int MAX_LENGTH = 500;

    /**
     * @param raw the raw message, possibly null
     * @return the sanitized message, at most {@value #MAX_LENGTH} characters; empty for null
     */
    String sanitize(String raw);

    /** @return the standard sanitizer */
    static FailureSanitizer standard() {
        return StandardFailureSanitizer.INSTANCE;
    }

    /** @return a builder of a sanitizer with the standard rules plus a host's own */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a sanitizer with the standard rules plus a host's secret names, plain names and patterns.
     * Each call adds to what was given before; {@link #build()} validates and returns an immutable
     * sanitizer that later calls on the builder do not change.
     */
    final class Builder {

        /** Most names a builder takes, secret and plain together. */
        public static final int MAX_NAMES = 256;

        /** Most patterns a builder takes. */
        public static final int MAX_PATTERNS = 64;

        /** Longest name a builder takes. */
        public static final int MAX_NAME_LENGTH = 64;

        private final Set<String> secretNames = new LinkedHashSet<>();
        private final Set<String> plainNames = new LinkedHashSet<>();
        private final List<Pattern> patterns = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds names whose values are secrets, in every shape the standard names are recognized in:
         * {@code name=value}, {@code name: value}, JSON and XML, headers, flags and prose ("tenant_pin
         * 4411"). Names are compared ignoring case and everything but letters and digits, so
         * {@code "tenant_pin"} also matches {@code TenantPin} and {@code TENANT-PIN}, and a longer name
         * ending in one ({@code acme_tenant_pin}) matches too.
         *
         * @param names at least three letters or digits each, at most {@value #MAX_NAME_LENGTH} characters
         * @return this builder
         * @throws IllegalArgumentException when a name is null, blank, too short or too long, or when
         *     more than {@value #MAX_NAMES} names are given
         */
        public Builder secretNames(String... names) {
            return secretNames(Arrays.asList(checkArray(names, "secretNames")));
        }

        /**
         * @param names see {@link #secretNames(String...)}
         * @return this builder
         * @throws IllegalArgumentException see {@link #secretNames(String...)}
         */
        public Builder secretNames(Collection<String> names) {
            addNames(names, secretNames, "secretNames");
            return this;
        }

        /**
         * Adds names whose values the name rules leave alone although the standard vocabulary would
         * redact them ({@code "token_budget"}, {@code "key_id"}). Values that are secrets by their shape
         * alone (a JWT, a GitHub token, a private key) are still redacted under any name.
         *
         * @param names at least three letters or digits each, at most {@value #MAX_NAME_LENGTH} characters
         * @return this builder
         * @throws IllegalArgumentException when a name is null, blank, too short or too long, or when
         *     more than {@value #MAX_NAMES} names are given
         */
        public Builder plainNames(String... names) {
            addNames(Arrays.asList(checkArray(names, "plainNames")), plainNames, "plainNames");
            return this;
        }

        /**
         * Adds shapes to redact wherever they appear, after the standard rules. A pattern sees one
         * cleaned line of at most a few KiB and should use bounded or possessive quantifiers; one that
         * runs away anyway is stopped after a budget of work proportional to that line, and the
         * sanitizer then returns a fixed placeholder instead of the message rather than risk a leak.
         *
         * @param patterns patterns that do not match the empty string
         * @return this builder
         * @throws IllegalArgumentException when a pattern is null or matches the empty string, or when
         *     more than {@value #MAX_PATTERNS} patterns are given
         */
        public Builder secretPatterns(Pattern... patterns) {
            for (Pattern pattern : checkArray(patterns, "secretPatterns")) {
                if (pattern == null) {
                    throw new IllegalArgumentException("secretPatterns: a pattern is null");
                }
                if (pattern.matcher("").matches()) {
                    throw new IllegalArgumentException("secretPatterns: \"" + pattern.pattern()
                            + "\" matches the empty string, so it would redact between every two characters");
                }
                if (this.patterns.size() >= MAX_PATTERNS) {
                    throw new IllegalArgumentException("secretPatterns: at most " + MAX_PATTERNS + " patterns");
                }
                this.patterns.add(pattern);
            }
            return this;
        }

        /**
         * @return a sanitizer with the standard rules and what was added
         * @throws IllegalArgumentException when a name was given both as secret and as plain
         */
        public FailureSanitizer build() {
            Set<String> secret = normalized(secretNames);
            Set<String> plain = normalized(plainNames);
            for (String name : secret) {
                if (plain.contains(name)) {
                    throw new IllegalArgumentException("\"" + name + "\" is given both as a secret and as a plain name");
                }
            }
            if (secret.isEmpty() && plain.isEmpty() && patterns.isEmpty()) {
                return standard();
            }
            return new StandardFailureSanitizer(new SanitizerSettings(secret, plain, patterns));
        }

        private void addNames(Collection<String> names, Set<String> into, String what) {
            Objects.requireNonNull(names, what);
            for (String name : names) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException(what + ": a name is null or blank");
                }
                if (name.length() > MAX_NAME_LENGTH) {
                    throw new IllegalArgumentException(what + ": \"" + name + "\" is longer than "
                            + MAX_NAME_LENGTH + " characters");
                }
                if (SanitizerSettings.normalize(name).length() < 3) {
                    throw new IllegalArgumentException(what + ": \"" + name
                            + "\" has fewer than three letters or digits, so it would match inside too many names");
                }
                if (secretNames.size() + plainNames.size() >= MAX_NAMES) {
                    throw new IllegalArgumentException(what + ": at most " + MAX_NAMES + " names");
                }
                into.add(name);
            }
        }

        private static <T> T[] checkArray(T[] values, String what) {
            if (values == null) {
                throw new IllegalArgumentException(what + ": null");
            }
            return values;
        }

        private static Set<String> normalized(Set<String> names) {
            Set<String> out = new LinkedHashSet<>();
            for (String name : names) {
                out.add(SanitizerSettings.normalize(name));
            }
            return out;
        }
    }
}
