package net.diskless.names.files.internal.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves bootptab's {@code tc=} templates (rules in {@link BootptabFile}): an entry gets each tag of
 * its templates that it neither sets nor removes, nearest template first, {@code ha} and {@code ip}
 * excepted. Loops are reported and broken where they close.
 */
final class BootptabTemplates {

    /** Never copied from a template: they identify one host (bootpd's fill_defaults skips them too). */
    private static final Set<String> NOT_INHERITED = Set.of("ha", "ip");

    private final Map<String, BootptabDefinition> definitions;
    private final Problems problems;
    private final Map<String, Map<String, String>> resolved = new HashMap<>();
    /** The chain being resolved, innermost last, and where each name stands in it (to name a loop). */
    private final List<Frame> stack = new ArrayList<>();
    private final Map<String, Integer> onStack = new HashMap<>();

    private static final class Frame {
        final BootptabDefinition definition;
        int next;

        Frame(BootptabDefinition definition) {
            this.definition = definition;
        }
    }

    private BootptabTemplates(Map<String, BootptabDefinition> definitions, Problems problems) {
        this.definitions = definitions;
        this.problems = problems;
    }

    static Map<String, Map<String, String>> resolve(Map<String, BootptabDefinition> definitions, Problems problems) {
        BootptabTemplates resolver = new BootptabTemplates(definitions, problems);
        definitions.values().forEach(resolver::resolveFrom);
        return resolver.resolved;
    }

    /** A depth-first walk with an explicit stack: a chain 100 000 templates deep costs no Java stack. */
    private void resolveFrom(BootptabDefinition root) {
        if (resolved.containsKey(root.name())) {
            return;
        }
        push(root);
        while (!stack.isEmpty()) {
            Frame top = stack.get(stack.size() - 1);
            BootptabDefinition d = top.definition;
            if (top.next < d.templates().size()) {
                String target = d.templates().get(top.next++);
                BootptabDefinition template = definitions.get(target);
                if (template == null) {
                    problems.add(d.line(), () -> "tc=" + Text.quote(target) + " in " + d.name() + ": no such entry");
                } else if (onStack.containsKey(target)) {
                    problems.add(d.line(), () -> "tc loop " + loop(onStack.get(target), target) + ", tc=" + target
                            + " in " + d.name() + " ignored");
                } else if (!resolved.containsKey(target)) {
                    push(template);
                }
            } else {
                stack.remove(stack.size() - 1);
                onStack.remove(d.name());
                resolved.put(d.name(), merge(d));
            }
        }
    }

    private void push(BootptabDefinition d) {
        onStack.put(d.name(), stack.size());
        stack.add(new Frame(d));
    }

    /**
     * The entry's own tags, then each template's for tags the entry neither sets nor removes. A
     * template still unresolved here is one whose tc= closed a loop (already reported): skipped.
     */
    private Map<String, String> merge(BootptabDefinition d) {
        Map<String, String> tags = new HashMap<>();
        d.own().forEach((key, value) -> value.ifPresent(v -> tags.put(key, v)));
        for (String target : d.templates()) {
            Map<String, String> inherited = resolved.get(target);
            if (inherited == null) {
                continue;
            }
            inherited.forEach((key, value) -> {
                if (!d.own().containsKey(key) && !NOT_INHERITED.contains(key)) {
                    tags.putIfAbsent(key, value);
                }
            });
        }
        return tags;
    }

    /** {@code a -> b -> a}, shortened in the middle when long (a loop can be as long as the file). */
    private String loop(int from, String target) {
        List<String> names = new ArrayList<>();
        int length = stack.size() - from;
        for (int i = from; i < stack.size(); i++) {
            if (length > 6 && i == from + 3) {
                names.add("… " + (length - 5) + " more …");
                i = stack.size() - 3;
                continue;
            }
            names.add(Text.abbreviate(stack.get(i).definition.name()));
        }
        names.add(Text.abbreviate(target));
        return String.join(" -> ", names);
    }
}
