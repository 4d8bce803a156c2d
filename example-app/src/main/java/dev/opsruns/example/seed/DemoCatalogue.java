package dev.opsruns.example.seed;

import java.util.List;

/**
 * The demo's policy catalogue: 50 policies, the same names in each tenant, each with a kind and a
 * platform. Policy {@code n} of tenant {@code t} has the id {@code t-pol-nnn}.
 */
final class DemoCatalogue {

    /** One catalogue entry. */
    record Entry(int number, String displayName, String policyType, String platform) {
    }

    static final List<Entry> ENTRIES;

    static {
        String[][] rows = {
            {"Windows - BitLocker baseline", "endpointSecurity", "windows10"},
            {"Windows - Defender antivirus", "endpointSecurity", "windows10"},
            {"Windows - Firewall domain profile", "endpointSecurity", "windows10"},
            {"Windows - Windows Hello for Business", "deviceConfiguration", "windows10"},
            {"Windows - Update ring: broad", "deviceConfiguration", "windows10"},
            {"Windows - Update ring: pilot", "deviceConfiguration", "windows10"},
            {"Windows - Edge security baseline", "settingsCatalog", "windows10"},
            {"Windows - OneDrive known folder move", "settingsCatalog", "windows10"},
            {"Windows - Compliance: minimum OS", "compliancePolicy", "windows10"},
            {"Windows - Compliance: encryption required", "compliancePolicy", "windows10"},
            {"Windows - LAPS", "endpointSecurity", "windows10"},
            {"Windows - Attack surface reduction", "endpointSecurity", "windows10"},
            {"Windows - Wi-Fi corporate", "deviceConfiguration", "windows10"},
            {"Windows - VPN always-on", "deviceConfiguration", "windows10"},
            {"Windows - Delivery optimization", "settingsCatalog", "windows10"},
            {"Windows - Remediation: disk cleanup", "platformScript", "windows10"},
            {"Windows - Remediation: time sync", "platformScript", "windows10"},
            {"Windows - Kiosk mode", "deviceConfiguration", "windows10"},
            {"iOS - Passcode", "deviceConfiguration", "iOS"},
            {"iOS - Compliance: jailbreak", "compliancePolicy", "iOS"},
            {"iOS - Managed app protection", "appProtection", "iOS"},
            {"iOS - Wi-Fi corporate", "deviceConfiguration", "iOS"},
            {"iOS - Email profile", "deviceConfiguration", "iOS"},
            {"iOS - Software update deferral", "deviceConfiguration", "iOS"},
            {"iOS - Compliance: minimum OS", "compliancePolicy", "iOS"},
            {"Android - Work profile passcode", "deviceConfiguration", "android"},
            {"Android - Compliance: Play Integrity", "compliancePolicy", "android"},
            {"Android - Managed app protection", "appProtection", "android"},
            {"Android - Wi-Fi corporate", "deviceConfiguration", "android"},
            {"Android - Dedicated devices", "deviceConfiguration", "android"},
            {"Android - Compliance: minimum OS", "compliancePolicy", "android"},
            {"macOS - FileVault", "endpointSecurity", "macOS"},
            {"macOS - Gatekeeper", "deviceConfiguration", "macOS"},
            {"macOS - Compliance: minimum OS", "compliancePolicy", "macOS"},
            {"macOS - Software update", "settingsCatalog", "macOS"},
            {"macOS - Shell script: dock layout", "platformScript", "macOS"},
            {"macOS - Platform SSO", "settingsCatalog", "macOS"},
            {"macOS - Firewall", "endpointSecurity", "macOS"},
            {"Linux - Compliance: disk encryption", "compliancePolicy", "linux"},
            {"Linux - Defender for Endpoint", "endpointSecurity", "linux"},
            {"All - Conditional access: require compliant device", "conditionalAccess", "all"},
            {"All - Conditional access: block legacy auth", "conditionalAccess", "all"},
            {"All - Conditional access: MFA for admins", "conditionalAccess", "all"},
            {"All - Enrollment restrictions", "deviceConfiguration", "all"},
            {"All - Terms and conditions", "deviceConfiguration", "all"},
            {"All - Device cleanup rules", "settingsCatalog", "all"},
            {"Windows - Remediation: printer mapping", "platformScript", "windows10"},
            {"Windows - Autopilot profile", "deviceConfiguration", "windows10"},
            {"Windows - Enrollment status page", "deviceConfiguration", "windows10"},
            {"Windows - Power settings", "settingsCatalog", "windows10"},
        };
        List<Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            entries.add(new Entry(i + 1, rows[i][0], rows[i][1], rows[i][2]));
        }
        ENTRIES = List.copyOf(entries);
    }

    private DemoCatalogue() {
    }

    /**
     * @param tenantId a tenant id
     * @param number a policy number, 1-50
     * @return the policy's id in that tenant
     */
    static String policyId(String tenantId, int number) {
        return String.format(java.util.Locale.ROOT, "%s-pol-%03d", tenantId, number);
    }

    /**
     * @param entry a policy
     * @param revision its settings revision (a changed policy has a higher one)
     * @return its settings as a JSON object
     */
    static String settingsJson(Entry entry, int revision) {
        int level = (entry.number() + revision) % 5;
        boolean strict = revision % 2 == 0;
        return "{\"@odata.type\":\"#microsoft.graph." + entry.policyType() + "\","
                + "\"platform\":\"" + entry.platform() + "\","
                + "\"settings\":{\"enforcement\":\"" + (strict ? "required" : "audit") + "\","
                + "\"level\":" + level + ",\"revision\":" + revision + ",\"reportingIntervalMinutes\":" + (60 * (1 + entry.number() % 4))
                + "}}";
    }
}
