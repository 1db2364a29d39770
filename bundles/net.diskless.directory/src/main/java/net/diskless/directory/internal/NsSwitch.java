package net.diskless.directory.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.diskless.api.directory.Answer.Status;
import net.diskless.api.names.NameMap;

/**
 * nsswitch.conf(5), the part of it the appliance uses: for each map, the sources to ask in order and
 * what to do on each outcome ({@code [NOTFOUND=return]}). Lines for databases the appliance has no use
 * for ({@code passwd}, {@code group}, …) are ignored, so a system's own nsswitch.conf can be pointed at.
 * A map with no line is asked of {@code files} alone, as glibc does.
 *
 * @param problems malformed lines as {@code line N: reason}
 */
record NsSwitch(Map<NameMap, List<Step>> chains, List<String> problems) {

    /** What to do after a source answered with a status. */
    enum Action { RETURN, CONTINUE }

    /** One source in a chain, with its actions; unspecified statuses use the defaults. */
    record Step(String source, Map<Status, Action> actions) {
        Step {
            actions = Map.copyOf(actions);
        }

        Action after(Status status) {
            Action a = actions.get(status);
            if (a != null) {
                return a;
            }
            return status == Status.SUCCESS ? Action.RETURN : Action.CONTINUE;
        }
    }

    static final List<Step> DEFAULT_CHAIN = List.of(new Step("files", Map.of()));

    NsSwitch {
        chains = Map.copyOf(chains);
        problems = List.copyOf(problems);
    }

    static NsSwitch defaults() {
        return new NsSwitch(Map.of(), List.of());
    }

    List<Step> chain(NameMap map) {
        return chains.getOrDefault(map, DEFAULT_CHAIN);
    }

    static NsSwitch parse(String text) {
        Map<NameMap, List<Step>> chains = new EnumMap<>(NameMap.class);
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add("line " + (i + 1) + ": expected 'map: sources', got '" + abbreviate(line) + "'");
                continue;
            }
            String database = line.substring(0, colon).strip();
            var map = NameMap.byKey(database);
            if (map.isEmpty()) {
                continue; // passwd, group, …: not ours
            }
            if (chains.containsKey(map.get())) {
                problems.add("line " + (i + 1) + ": '" + database + "' given again; the first line is used");
                continue;
            }
            List<Step> steps = parseChain(line.substring(colon + 1), i + 1, problems);
            if (steps.isEmpty()) {
                problems.add("line " + (i + 1) + ": '" + database + "' names no source; using 'files'");
                steps = DEFAULT_CHAIN;
            }
            chains.put(map.get(), steps);
        }
        return new NsSwitch(chains, problems);
    }

    private static List<Step> parseChain(String spec, int lineNo, List<String> problems) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        int n = spec.length();
        while (i < n) {
            char c = spec.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '[') {
                int close = spec.indexOf(']', i);
                if (close < 0) {
                    problems.add("line " + lineNo + ": unterminated '['");
                    return steps;
                }
                String criteria = spec.substring(i + 1, close);
                if (steps.isEmpty()) {
                    problems.add("line " + lineNo + ": action '[" + abbreviate(criteria) + "]' before any source");
                } else {
                    Step last = steps.remove(steps.size() - 1);
                    steps.add(new Step(last.source(), withActions(last.actions(), criteria, lineNo, problems)));
                }
                i = close + 1;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(spec.charAt(end)) && spec.charAt(end) != '[') {
                    end++;
                }
                steps.add(new Step(spec.substring(i, end), Map.of()));
                i = end;
            }
        }
        return steps;
    }

    private static Map<Status, Action> withActions(Map<Status, Action> base, String criteria, int lineNo,
                                                   List<String> problems) {
        Map<Status, Action> actions = new EnumMap<>(Status.class);
        actions.putAll(base);
        // glibc allows white space around '=': "[NOTFOUND = return]"
        String compact = criteria.strip().replaceAll("\\s*=\\s*", "=");
        for (String item : compact.split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                problems.add("line " + lineNo + ": bad action '" + abbreviate(item) + "' (want STATUS=action)");
                continue;
            }
            String status = item.substring(0, eq).toUpperCase(java.util.Locale.ROOT);
            boolean negated = status.startsWith("!"); // [!UNAVAIL=return]: every status but UNAVAIL
            if (negated) {
                status = status.substring(1);
            }
            String action = item.substring(eq + 1).toLowerCase(java.util.Locale.ROOT);
            Action a = switch (action) {
                case "return" -> Action.RETURN;
                case "continue" -> Action.CONTINUE;
                default -> null;
            };
            if (a == null) {
                problems.add("line " + lineNo + ": unknown action '" + abbreviate(action) + "' (return or continue)");
                continue;
            }
            Status named = switch (status) {
                case "SUCCESS" -> Status.SUCCESS;
                case "NOTFOUND" -> Status.NOTFOUND;
                case "UNAVAIL", "TRYAGAIN" -> Status.UNAVAIL;
                default -> null;
            };
            if (named == null) {
                problems.add("line " + lineNo + ": unknown status '" + abbreviate(status) + "'");
                continue;
            }
            for (Status st : Status.values()) {
                if ((st == named) != negated) {
                    actions.put(st, a);
                }
            }
        }
        return actions;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
