package dev.opsruns.core.internal;

import dev.opsruns.core.InvalidPageCursorException;
import dev.opsruns.core.spi.PagePosition;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque keyset cursor of a monitoring list: a position (createdAt, run id), a direction, and a
 * fingerprint of the tenant and filter it was issued for, with a checksum so hand-edited cursors are
 * refused. Every store encodes it the same way, so cursors are portable between stores.
 *
 * @param direction {@link Direction#OLDER} pages go past the position towards older runs,
 *     {@link Direction#NEWER} pages towards newer runs
 * @param createdAt the position's creation time (microseconds)
 * @param runId the position's run id
 */
public record PageCursor(Direction direction, Instant createdAt, RunId runId) {

    /** Which way a page goes from the cursor's position. */
    public enum Direction {
        /** Runs strictly older than the position (the "next" page). */
        OLDER,
        /** Runs strictly newer than the position (the "previous" page). */
        NEWER
    }

    private static final byte VERSION = 1;
    private static final int LENGTH = 1 + 1 + 8 + 16 + 8 + 4;
    /*
     * Positions a decoded cursor may name: years 1 to 9999, what the stores' timestamps hold. The checksum
     * is no secret, so a well-formed cursor can carry any time; outside these it would overflow here or
     * fail in the database instead of being refused as input.
     */
    private static final long EARLIEST_MICROS = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    private static final long LATEST_MICROS = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;

    /**
     * @param position a store-level position
     * @return the cursor of that position
     */
    public static PageCursor of(PagePosition position) {
        return new PageCursor(position.direction() == PagePosition.Direction.OLDER ? Direction.OLDER : Direction.NEWER,
                position.createdAt(), position.runId());
    }

    /** @return the position this cursor stands for, as stores take it */
    public PagePosition toPosition() {
        return new PagePosition(direction == Direction.OLDER ? PagePosition.Direction.OLDER : PagePosition.Direction.NEWER,
                createdAt, runId);
    }

    /**
     * @param tenantId the tenant the listing is for
     * @param filter the listing's filter
     * @return the opaque cursor text
     */
    public String encode(TenantId tenantId, RunFilter filter) {
        ByteBuffer buf = ByteBuffer.allocate(LENGTH);
        buf.put(VERSION);
        buf.put((byte) direction.ordinal());
        // Not ChronoUnit.MICROS.between: it counts nanoseconds first and overflows after the year 2262.
        buf.putLong(Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L),
                createdAt.getNano() / 1_000));
        buf.putLong(runId.value().getMostSignificantBits());
        buf.putLong(runId.value().getLeastSignificantBits());
        buf.put(fingerprint(tenantId, filter));
        buf.put(checksum(buf.array(), LENGTH - 4));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    /**
     * @param text a cursor from a previous page
     * @param tenantId the tenant of this listing
     * @param filter the filter of this listing
     * @return the position
     * @throws InvalidRunInputException when the text is not a cursor issued for this tenant and filter
     */
    public static PageCursor decode(String text, TenantId tenantId, RunFilter filter) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        // The re-encoding check refuses non-canonical text (e.g. a changed last character whose
        // low bits the decoder would otherwise ignore), so any edit to a cursor is refused.
        if (bytes.length != LENGTH || bytes[0] != VERSION
                || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)
                || !MessageDigest.isEqual(checksum(bytes, LENGTH - 4), slice(bytes, LENGTH - 4, 4))) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(fingerprint(tenantId, filter), slice(bytes, LENGTH - 12, 8))) {
            throw new InvalidPageCursorException(
                    "belongs to another listing (tenant or filters changed); start again without a cursor");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.get();
        byte dir = buf.get();
        if (dir != 0 && dir != 1) {
            throw invalid();
        }
        long micros = buf.getLong();
        if (micros < EARLIEST_MICROS || micros >= LATEST_MICROS) {
            throw invalid();
        }
        UUID uuid = new UUID(buf.getLong(), buf.getLong());
        if (uuid.version() != 7 || uuid.variant() != 2) {
            throw invalid();
        }
        return new PageCursor(Direction.values()[dir], Instant.EPOCH.plus(micros, ChronoUnit.MICROS), new RunId(uuid));
    }

    private static InvalidPageCursorException invalid() {
        return new InvalidPageCursorException(
                "is not a cursor this listing issued; pass the olderCursor or newerCursor of a previous page, or none");
    }

    private static byte[] fingerprint(TenantId tenantId, RunFilter filter) {
        StringBuilder sb = new StringBuilder();
        CanonicalJson.writeString(tenantId.value(), sb);
        filter.runTypes().stream().map(RunType::value).sorted().forEach(t -> sb.append('|').append(t));
        sb.append('#');
        filter.buckets().stream().map(StatusBucket::apiName).sorted().forEach(b -> sb.append('|').append(b));
        sb.append('#').append(filter.from()).append('#').append(filter.to());
        if (filter.searches()) {
            // only when searching, so cursors of listings without search stay valid across versions
            sb.append("#s");
            CanonicalJson.writeString(String.valueOf(filter.runIdPrefix()), sb);
            CanonicalJson.writeString(String.valueOf(filter.initiator()), sb);
            CanonicalJson.writeString(filter.reasonCode() == null ? "null" : filter.reasonCode().value(), sb);
        }
        if (filter.endedFrom() != null) {
            // likewise only when set: cursors issued before the bound existed keep working
            sb.append("#e").append(filter.endedFrom());
        }
        return slice(sha256(sb.toString().getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    private static byte[] checksum(byte[] bytes, int length) {
        MessageDigest md = digest();
        md.update(bytes, 0, length);
        return slice(md.digest(), 0, 4);
    }

    private static byte[] sha256(byte[] bytes) {
        return digest().digest(bytes);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, from, out, 0, length);
        return out;
    }
}
