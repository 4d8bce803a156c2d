package dev.opsruns.example.harness;

import dev.opsruns.example.policy.DemoCloudErrors;
import java.util.Collection;
import java.util.List;

/** Finds the demo cloud's embedded credentials in texts (responses, rows, notifications). */
public final class CredentialScan {

    private CredentialScan() {
    }

    /**
     * @param texts texts to search
     * @return the texts that hold any of {@link DemoCloudErrors#SECRET_FRAGMENTS}
     */
    public static List<String> leaksIn(Collection<String> texts) {
        return texts.stream()
                .filter(t -> t != null && DemoCloudErrors.SECRET_FRAGMENTS.stream().anyMatch(t::contains))
                .toList();
    }
}
