package dev.opsruns.example.policy;

import java.util.List;

/**
 * The raw error texts the demo cloud answers with. Like real SDK errors they carry credentials (a
 * bearer JWT, a client secret, URL user-info and a signed-URL signature, a storage account key):
 * the library's sanitizer must remove every one of {@link #SECRET_FRAGMENTS} before anything is
 * stored, shown or sent. Tests search responses, rows and notifications for these fragments.
 */
public final class DemoCloudErrors {

    /** Substrings of the embedded credentials; none may ever leave the job. */
    public static final List<String> SECRET_FRAGMENTS = List.of(
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9",
            "ZGVtby1zaWduYXR1cmUtbm90LXJlYWw",
            "Dm0~SuperSecretClientValue_42",
            "Pa55w0rd-demo",
            "Zm9vYmFyc2lnbmF0dXJl",
            "ZGVtb0FjY291bnRLZXlOb3RSZWFs");

    private static final String GRAPH = "https://graph.microsoft.com/beta/deviceManagement/configurationPolicies/";

    private DemoCloudErrors() {
    }

    /**
     * @param policyId the policy
     * @param requestId a request id to echo
     * @return a 404 error text holding the request's bearer token
     */
    public static String notFound(String policyId, String requestId) {
        return "GET " + GRAPH + policyId + " failed: 404 Not Found {\"error\":{\"code\":\"ResourceNotFound\","
                + "\"message\":\"The policy was not found.\"}} request-id=" + requestId
                + "; request headers: Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9."
                + "eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20iLCJ0aWQiOiJkZW1vIn0.ZGVtby1zaWduYXR1cmUtbm90LXJlYWw";
    }

    /**
     * @param policyId the policy
     * @param requestId a request id to echo
     * @return a 403 error text holding a client secret
     */
    public static String forbidden(String policyId, String requestId) {
        return "GET " + GRAPH + policyId + " failed: 403 Forbidden Authorization_RequestDenied: the app lacks "
                + "DeviceManagementConfiguration.Read.All (request-id=" + requestId + "); token acquired with "
                + "client_id=3f1c2b7e-0d7a-4a52-9a57-1f2e3d4c5b6a&client_secret=Dm0~SuperSecretClientValue_42";
    }

    /**
     * @param policyId the policy
     * @param requestId a request id to echo
     * @return a 429 error text holding URL user-info and a signed-URL signature
     */
    public static String throttled(String policyId, String requestId) {
        return "GET https://svc-backup:Pa55w0rd-demo@graph.microsoft.com/beta/deviceManagement/configurationPolicies/"
                + policyId + "?sv=2024-01-01&se=2030-01-01T00%3A00%3A00Z&sig=Zm9vYmFyc2lnbmF0dXJl%3D failed: "
                + "429 Too Many Requests (Retry-After: 1) request-id=" + requestId;
    }

    /**
     * @param snapshotRef the archived snapshot
     * @return a storage error text holding an account key
     */
    public static String snapshotArchived(String snapshotRef) {
        return "snapshot " + snapshotRef + " is archived: blob read failed with 409 BlobArchived using "
                + "DefaultEndpointsProtocol=https;AccountName=opsrunsdemo;AccountKey=ZGVtb0FjY291bnRLZXlOb3RSZWFs;"
                + "EndpointSuffix=core.windows.net";
    }
}
