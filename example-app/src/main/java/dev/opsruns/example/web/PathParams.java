package dev.opsruns.example.web;

import dev.opsruns.core.RunId;
import dev.opsruns.core.TenantId;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/** Parses the path parameters the routes share, refusing malformed ones with 400. */
public final class PathParams {

    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PathParams() {
    }

    /**
     * @param ctx a request with a {@code {tenant}} path parameter
     * @return the tenant
     * @throws dev.opsruns.core.InvalidRunInputException (400) when malformed
     */
    public static TenantId tenant(Context ctx) {
        return TenantId.of(ctx.pathParam("tenant"));
    }

    /**
     * @param ctx a request with a {@code {runId}} path parameter
     * @return the run id
     * @throws dev.opsruns.core.InvalidRunInputException (400) when not a version 7 UUID
     */
    public static RunId runId(Context ctx) {
        return RunId.parse(ctx.pathParam("runId"));
    }

    /**
     * @param ctx a request with a {@code {backupSetId}} path parameter
     * @return the backup set id
     * @throws ApiException (400) when not a UUID
     */
    public static UUID backupSetId(Context ctx) {
        String text = ctx.pathParam("backupSetId");
        if (!UUID_FORMAT.matcher(text).matches()) {
            throw ApiException.badRequest("backupSetId", "the backup set id must be a UUID such as "
                    + "3f1c2b7e-0d7a-4a52-9a57-1f2e3d4c5b6a, but was '" + JsonBody.clip(text) + "'");
        }
        return UUID.fromString(text);
    }
}
