package dev.opsruns.example.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsruns.example.inventory.SnapshotItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two snapshots by policy id: a policy only in the current one is added, only in the baseline
 * removed, in both with settings that differ as JSON (not as text) changed. The result is ordered by
 * policy id, so a rerun writes the same findings.
 */
public final class SnapshotComparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotComparison() {
    }

    /**
     * @param baseline the older snapshot
     * @param current the newer snapshot
     * @return the differences, ordered by policy id
     */
    public static List<DriftChange> compare(Collection<SnapshotItem> baseline, Collection<SnapshotItem> current) {
        Map<String, SnapshotItem> before = byId(baseline);
        Map<String, SnapshotItem> after = byId(current);
        TreeSet<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        List<DriftChange> changes = new ArrayList<>();
        for (String id : ids) {
            SnapshotItem b = before.get(id);
            SnapshotItem a = after.get(id);
            if (b == null) {
                changes.add(new DriftChange(id, a.displayName(), a.policyType(), ChangeType.ADDED, List.of()));
            } else if (a == null) {
                changes.add(new DriftChange(id, b.displayName(), b.policyType(), ChangeType.REMOVED, List.of()));
            } else {
                List<String> differing = differingPaths(b.settingsJson(), a.settingsJson());
                if (!differing.isEmpty()) {
                    changes.add(new DriftChange(id, a.displayName(), a.policyType(), ChangeType.CHANGED, differing));
                }
            }
        }
        return changes;
    }

    /**
     * @param baseline a snapshot
     * @param current another
     * @return how many distinct policies the two hold together (the run's item total)
     */
    public static int policiesCompared(Collection<SnapshotItem> baseline, Collection<SnapshotItem> current) {
        TreeSet<String> ids = new TreeSet<>();
        baseline.forEach(i -> ids.add(i.policyId()));
        current.forEach(i -> ids.add(i.policyId()));
        return ids.size();
    }

    private static Map<String, SnapshotItem> byId(Collection<SnapshotItem> items) {
        Map<String, SnapshotItem> map = new TreeMap<>();
        items.forEach(i -> map.put(i.policyId(), i));
        return map;
    }

    private static List<String> differingPaths(String beforeJson, String afterJson) {
        Map<String, JsonNode> before = flatten(beforeJson);
        Map<String, JsonNode> after = flatten(afterJson);
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<String> differing = new ArrayList<>();
        for (String path : paths) {
            JsonNode b = before.get(path);
            JsonNode a = after.get(path);
            if (b == null || !b.equals(a)) {
                differing.add(path);
            }
        }
        return differing;
    }

    private static Map<String, JsonNode> flatten(String json) {
        Map<String, JsonNode> leaves = new TreeMap<>();
        try {
            flatten("", JSON.readTree(json), leaves);
        } catch (JsonProcessingException e) {
            leaves.put("$", JSON.getNodeFactory().textNode(json)); // not JSON: compare as a whole
        }
        return leaves;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> leaves) {
        if (node.isObject() && node.size() > 0) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), leaves);
            }
        } else {
            leaves.put(prefix.isEmpty() ? "$" : prefix, node);
        }
    }
}
