package dev.opsruns.core.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/** RFC 9562 version 7 UUIDs: 48-bit Unix milliseconds, then 74 random bits. */
public final class UuidV7 {

    /*
     * One generator per thread: the platform's default (NativePRNG) serialises every caller on one
     * lock, which became the start path's bottleneck at 16 threads. Each thread's DRBG is seeded
     * from the operating system once, so ids stay unguessable.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(UuidV7::newGenerator);

    private UuidV7() {
    }

    /**
     * @param epochMillis the time to embed
     * @return a new version 7 UUID
     */
    public static UUID next(long epochMillis) {
        byte[] r = new byte[10];
        RANDOM.get().nextBytes(r);
        long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16
                | 0x7000L
                | ((r[0] & 0x0FL) << 8) | (r[1] & 0xFFL);
        long lsb = 0x8000_0000_0000_0000L | ((r[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            lsb |= (r[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(msb, lsb);
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom(); // a platform without DRBG still has its default generator
        }
    }
}
