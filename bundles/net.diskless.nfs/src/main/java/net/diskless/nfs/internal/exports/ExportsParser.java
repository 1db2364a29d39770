package net.diskless.nfs.internal.exports;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * exports(5), FreeBSD syntax (the seed's): {@code /path... [-ro] [-alldirs] [-maproot=user[:group...]]
 * [-mapall=user[:group...]] [-network net[/len] | -network=net[/len]] [-mask mask] [host...]}, {@code #}
 * comments, {@code \} continuing a line. Linux syntax is accepted as well: {@code /path host(opts) net/len(opts)}
 * with {@code ro}/{@code rw}, {@code root_squash}/{@code no_root_squash}, {@code all_squash}, {@code anonuid},
 * {@code anongid}; as knfsd does, any directory below a Linux export may be mounted. Pure: text in, exports and
 * one message per problem out; a bad line is skipped, the others are used.
 */
public final class ExportsParser {

    public record Result(List<Export> exports, List<String> problems) {
        public Result {
            exports = List.copyOf(exports);
            problems = List.copyOf(problems);
        }
    }

    /** Turns {@code user} or {@code group} names into numbers; numbers pass through. */
    public interface Ids {
        Integer uid(String user);

        Integer gid(String group);
    }

    private final Ids ids;

    public ExportsParser(Ids ids) {
        this.ids = ids;
    }

    public Result parse(String text) {
        List<Export> exports = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder logical = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            if (logical.isEmpty()) {
                start = i + 1;
            }
            String trimmed = line.stripTrailing();
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            String l = logical.toString().trim();
            logical.setLength(0);
            if (l.isEmpty()) {
                continue;
            }
            try {
                if (l.contains("(")) { // Linux syntax has options in parentheses; FreeBSD has none
                    exports.addAll(linux(l, start));
                } else {
                    exports.addAll(freebsd(l, start));
                }
            } catch (IllegalArgumentException e) {
                problems.add("line " + start + ": " + e.getMessage());
            }
        }
        return new Result(exports, problems);
    }

    private List<Export> freebsd(String line, int number) {
        String[] words = line.split("\\s+");
        List<String> paths = new ArrayList<>();
        int i = 0;
        while (i < words.length && words[i].startsWith("/")) {
            paths.add(normalize(words[i]));
            i++;
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no path at the start: " + line);
        }
        boolean ro = false;
        boolean alldirs = false;
        Cred mapRoot = null;
        Cred mapAll = null;
        InetAddress network = null;
        int prefix = -1;
        List<ClientSpec> clients = new ArrayList<>();
        for (; i < words.length; i++) {
            String w = words[i];
            if (!w.startsWith("-")) {
                clients.add(host(w));
                continue;
            }
            String opt = w;
            String value = null;
            int eq = w.indexOf('=');
            if (eq > 0) {
                opt = w.substring(0, eq);
                value = w.substring(eq + 1);
            }
            switch (opt) {
                case "-ro", "-o" -> ro = true;
                case "-alldirs" -> alldirs = true;
                case "-maproot", "-r" -> mapRoot = cred(value != null ? value : next(words, ++i, opt));
                case "-mapall", "-m" -> mapAll = cred(value != null ? value : next(words, ++i, opt));
                case "-network", "-n" -> {
                    String net = value != null ? value : next(words, ++i, opt);
                    int slash = net.indexOf('/');
                    if (slash >= 0) {
                        prefix = prefix(net.substring(slash + 1));
                        net = net.substring(0, slash);
                    }
                    network = literal(net);
                }
                case "-mask" -> prefix = maskBits(literal(value != null ? value : next(words, ++i, opt)));
                case "-sec", "-public", "-webnfs", "-quiet", "-index", "-tls", "-tlscert", "-tlscertuser" -> {
                    // accepted and ignored: no effect on an AUTH_SYS NFSv3 server
                    if (value == null && (opt.equals("-sec") || opt.equals("-index"))) {
                        next(words, ++i, opt);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + w);
            }
        }
        if (network != null) {
            if (prefix < 0) {
                prefix = classfulPrefix(network);
            }
            clients.add(new ClientSpec.Network(network, prefix));
        } else if (prefix >= 0) {
            throw new IllegalArgumentException("-mask without -network");
        }
        if (clients.isEmpty()) {
            clients.add(new ClientSpec.Everyone());
        }
        List<Export> out = new ArrayList<>();
        for (String p : paths) {
            out.add(new Export(p, ro, alldirs, mapRoot == null ? Cred.NOBODY : mapRoot, mapAll, clients, number));
        }
        return out;
    }

    private List<Export> linux(String line, int number) {
        String[] words = line.split("\\s+");
        String path = normalize(words[0]);
        if (!words[0].startsWith("/")) {
            throw new IllegalArgumentException("no path at the start: " + line);
        }
        List<Export> out = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            String host = w;
            String opts = "";
            int open = w.indexOf('(');
            if (open >= 0) {
                if (!w.endsWith(")")) {
                    throw new IllegalArgumentException("unbalanced ( in " + w);
                }
                host = w.substring(0, open);
                opts = w.substring(open + 1, w.length() - 1);
            }
            boolean ro = true;
            boolean squashRoot = true;
            boolean squashAll = false;
            int anonUid = Cred.NOBODY.uid();
            int anonGid = Cred.NOBODY.gid();
            for (String o : opts.split(",")) {
                String opt = o.trim();
                if (opt.isEmpty()) {
                    continue;
                }
                String value = null;
                int eq = opt.indexOf('=');
                if (eq > 0) {
                    value = opt.substring(eq + 1);
                    opt = opt.substring(0, eq);
                }
                switch (opt) {
                    case "ro" -> ro = true;
                    case "rw" -> ro = false;
                    case "root_squash" -> squashRoot = true;
                    case "no_root_squash" -> squashRoot = false;
                    case "all_squash" -> squashAll = true;
                    case "no_all_squash" -> squashAll = false;
                    case "anonuid" -> anonUid = number(value, opt);
                    case "anongid" -> anonGid = number(value, opt);
                    case "sync", "async", "subtree_check", "no_subtree_check", "secure", "insecure", "wdelay",
                         "no_wdelay", "hide", "nohide", "crossmnt", "nocrossmnt", "sec", "fsid", "insecure_locks",
                         "secure_locks", "mountpoint", "mp" -> {
                        // no effect here
                    }
                    default -> throw new IllegalArgumentException("unknown option " + opt + " in " + w);
                }
            }
            Cred anon = new Cred(anonUid, anonGid, new int[0]);
            ClientSpec client = host.isEmpty() || host.equals("*") ? new ClientSpec.Everyone() : host(host);
            out.add(new Export(path, ro, true, squashRoot ? anon : new Cred(0, 0, new int[0]),
                    squashAll ? anon : null, List.of(client), number));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no clients: " + line);
        }
        return out;
    }

    private static String next(String[] words, int i, String opt) {
        if (i >= words.length) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return words[i];
    }

    /** An absolute path without {@code .}, {@code ..}, doubled or trailing slashes. */
    public static String normalize(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        StringBuilder b = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") || part.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("path with " + (part.equals("..") ? ".." : "NUL") + ": " + path);
            }
            b.append('/').append(part);
        }
        return b.isEmpty() ? "/" : b.toString();
    }

    private Cred cred(String spec) {
        String[] parts = spec.split(":");
        Integer uid = parts[0].isEmpty() ? null : ids.uid(parts[0]);
        if (uid == null) {
            throw new IllegalArgumentException("unknown user " + parts[0]);
        }
        int gid = Cred.NOBODY.gid();
        List<Integer> groups = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            Integer g = ids.gid(parts[i]);
            if (g == null) {
                throw new IllegalArgumentException("unknown group " + parts[i]);
            }
            if (i == 1) {
                gid = g;
            } else {
                groups.add(g);
            }
        }
        if (parts.length == 1 && uid == 0) {
            gid = 0; // -maproot=0 : root with its own group, as FreeBSD takes the user's groups
        }
        return new Cred(uid, gid, groups.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int number(String value, String opt) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(opt + "=" + value + " is no number");
        }
    }

    private static ClientSpec host(String word) {
        if (word.startsWith("@")) {
            throw new IllegalArgumentException("netgroups are not supported: " + word);
        }
        int slash = word.indexOf('/');
        if (slash > 0) {
            InetAddress net = literal(word.substring(0, slash));
            String p = word.substring(slash + 1);
            return new ClientSpec.Network(net, p.contains(".") ? maskBits(literal(p)) : prefix(p));
        }
        if (isLiteral(word)) {
            return new ClientSpec.Address(literal(word));
        }
        if (!word.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
            throw new IllegalArgumentException("not a host name: " + word);
        }
        return new ClientSpec.Named(word.toLowerCase(Locale.ROOT));
    }

    private static boolean isLiteral(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("[0-9A-Fa-f:.]+"));
    }

    static InetAddress literal(String s) {
        if (!isLiteral(s)) {
            throw new IllegalArgumentException("not an IP address: " + s);
        }
        try {
            return InetAddress.getByName(s); // a literal: no name service lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + s);
        }
    }

    private static int prefix(String s) {
        int p = number(s, "prefix");
        if (p < 0 || p > 128) {
            throw new IllegalArgumentException("prefix /" + s);
        }
        return p;
    }

    private static int maskBits(InetAddress mask) {
        byte[] m = mask.getAddress();
        int bits = 0;
        boolean ended = false;
        for (byte b : m) {
            for (int i = 7; i >= 0; i--) {
                boolean set = (b >> i & 1) == 1;
                if (set && ended) {
                    throw new IllegalArgumentException("mask " + mask.getHostAddress() + " is not contiguous");
                }
                if (set) {
                    bits++;
                } else {
                    ended = true;
                }
            }
        }
        return bits;
    }

    /** FreeBSD's default when -network has neither /len nor -mask: the class of the address. */
    private static int classfulPrefix(InetAddress a) {
        int first = a.getAddress()[0] & 0xff;
        return first < 128 ? 8 : first < 192 ? 16 : 24;
    }

    /** Ids from numbers, else from the given name maps (the host's passwd and group files). */
    public static Ids ids(Function<String, Integer> users, Function<String, Integer> groups) {
        return new Ids() {
            @Override
            public Integer uid(String user) {
                return user.matches("-?\\d+") ? Integer.valueOf(user) : users.apply(user);
            }

            @Override
            public Integer gid(String group) {
                return group.matches("-?\\d+") ? Integer.valueOf(group) : groups.apply(group);
            }
        };
    }
}
