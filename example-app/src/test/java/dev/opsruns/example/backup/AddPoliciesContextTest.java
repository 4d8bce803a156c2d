package dev.opsruns.example.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.core.RunIdempotency;
import dev.opsruns.core.TenantId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AddPoliciesContextTest {

    private static final UUID SET = UUID.fromString("3f1c2b7e-0d7a-4a52-9a57-1f2e3d4c5b6a");

    @Test
    void the_policy_ids_are_sorted_and_de_duplicated_so_order_and_repeats_do_not_change_the_key() {
        AddPoliciesContext a = AddPoliciesContext.of(SET, List.of("p-3", "p-1", "p-2", "p-1"));
        AddPoliciesContext b = AddPoliciesContext.of(SET, List.of("p-1", "p-2", "p-3"));

        assertThat(a.policyIds()).containsExactly("p-1", "p-2", "p-3");
        assertThat(RunIdempotency.buildKey(TenantId.of("contoso"), AddPolicies.RUN_TYPE, a.toRunContext()))
                .isEqualTo(RunIdempotency.buildKey(TenantId.of("contoso"), AddPolicies.RUN_TYPE, b.toRunContext()));
        assertThat(AddPoliciesContext.from(a.toRunContext())).isEqualTo(b);
    }

    @Test
    void another_policy_set_is_another_operation() {
        AddPoliciesContext a = AddPoliciesContext.of(SET, List.of("p-1", "p-2"));
        AddPoliciesContext b = AddPoliciesContext.of(SET, List.of("p-1"));
        assertThat(RunIdempotency.buildKey(TenantId.of("contoso"), AddPolicies.RUN_TYPE, a.toRunContext()))
                .isNotEqualTo(RunIdempotency.buildKey(TenantId.of("contoso"), AddPolicies.RUN_TYPE, b.toRunContext()));
    }
}
