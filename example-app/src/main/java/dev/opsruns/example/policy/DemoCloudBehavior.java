package dev.opsruns.example.policy;

/**
 * How the demo policy source answers for a policy, fixed by the policy's number (the digits after
 * its last {@code -}), so the demo and its tests are deterministic. Of the 50 demo policies of a
 * tenant, numbers 5, 17, 29, 41 are gone in the cloud, 8, 20, 32, 44 are forbidden and 11, 23, 35, 47
 * are throttled on every attempt; the rest capture fine.
 */
public enum DemoCloudBehavior {
    /** The payload is returned. */
    OK,
    /** HTTP 404: the policy was deleted in the cloud. */
    NOT_FOUND,
    /** HTTP 403: the app registration lacks a permission. */
    FORBIDDEN,
    /** HTTP 429 on every attempt: retries eventually give up. */
    THROTTLED;

    /**
     * @param policyId a policy id such as {@code contoso-pol-017}
     * @return how the demo source answers for it
     */
    public static DemoCloudBehavior of(String policyId) {
        int dash = policyId.lastIndexOf('-');
        int number;
        try {
            number = Integer.parseInt(policyId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return OK;
        }
        return switch (number % 12) {
            case 5 -> NOT_FOUND;
            case 8 -> FORBIDDEN;
            case 11 -> THROTTLED;
            default -> OK;
        };
    }
}
