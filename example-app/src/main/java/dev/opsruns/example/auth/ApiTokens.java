package dev.opsruns.example.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Bearer tokens: 128 random bits, shown to their user once when created, and stored only as their
 * SHA-256. A plain hash is enough for random tokens (nobody can guess one to hash it); a slow password
 * hash is for secrets people choose.
 */
public final class ApiTokens {

    /** What every token starts with, so one is easy to recognise (and to scan for) in text. */
    public static final String PREFIX = "demo-";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    /** @return a new token */
    public static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
    }

    /**
     * @param token a token
     * @return what is stored of it: its SHA-256, in lower-case hex
     */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
