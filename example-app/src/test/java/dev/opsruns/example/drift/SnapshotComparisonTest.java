package dev.opsruns.example.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.example.inventory.SnapshotItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotComparisonTest {

    private static SnapshotItem item(String id, String settings) {
        return new SnapshotItem(id, "Policy " + id, "deviceConfiguration", settings);
    }

    @Test
    void policies_only_in_one_snapshot_are_added_or_removed_and_differing_settings_are_changed() {
        List<SnapshotItem> baseline = List.of(item("a", "{\"x\":1}"), item("b", "{\"x\":1,\"y\":{\"z\":true}}"), item("c", "{}"));
        List<SnapshotItem> current = List.of(item("b", "{\"y\":{\"z\":false},\"x\":1}"), item("c", "{}"), item("d", "{}"));

        List<DriftChange> changes = SnapshotComparison.compare(baseline, current);

        assertThat(changes).extracting(DriftChange::policyId, DriftChange::changeType).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", ChangeType.REMOVED),
                org.assertj.core.groups.Tuple.tuple("b", ChangeType.CHANGED),
                org.assertj.core.groups.Tuple.tuple("d", ChangeType.ADDED));
        assertThat(changes.get(1).changedSettings()).containsExactly("y.z");
        assertThat(SnapshotComparison.policiesCompared(baseline, current)).isEqualTo(4);
    }

    @Test
    void settings_equal_as_json_are_not_a_change_whatever_their_key_order_or_spacing() {
        List<DriftChange> changes = SnapshotComparison.compare(List.of(item("a", "{\"x\":1,\"y\":[1,2]}")),
                List.of(item("a", "{ \"y\" : [1, 2], \"x\" : 1 }")));
        assertThat(changes).isEmpty();
    }
}
