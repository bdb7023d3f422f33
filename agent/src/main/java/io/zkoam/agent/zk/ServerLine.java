package io.zkoam.agent.zk;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One member of a dynamic config: {@code server.<id>=<host>:<quorumPort>:<electionPort>[:<role>][;[<clientHost>:]<clientPort>]}.
 * Host names are DNS names or IPv4 literals; ZooKeeper's multi-address ({@code a|b}) and IPv6 forms are not used by
 * zkoam and are refused rather than misread.
 *
 * @param clientHost null when the line gives only a client port (ZooKeeper then binds 0.0.0.0)
 * @param clientPort 0 when the line has no client part at all
 */
public record ServerLine(int id, String host, int quorumPort, int electionPort, Role role, String clientHost, int clientPort) {

    private static final Pattern KEY = Pattern.compile("server\\.(\\d+)");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

    public ServerLine {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(role, "role");
        if (id < 1) {
            throw new IllegalArgumentException("server id must be positive, not " + id);
        }
    }

    /** A zkoam pod's line: standard ports, and the same DNS name for quorum, election and client address. */
    public static ServerLine standard(int id, String host, Role role) {
        return new ServerLine(id, host, Ports.QUORUM, Ports.ELECTION, role, host, Ports.CLIENT);
    }

    /** True for a host name or IPv4 literal that can appear in a server line. */
    public static boolean isValidHost(String host) {
        return host != null && host.length() <= 253 && HOST.matcher(host).matches();
    }

    /**
     * Parses one {@code key=value} pair of a dynamic config.
     *
     * @throws IllegalArgumentException with a message that quotes the line
     */
    public static ServerLine parse(String key, String value) {
        Matcher keyMatch = KEY.matcher(key.trim());
        if (!keyMatch.matches()) {
            throw new IllegalArgumentException("not a server line: '" + key + "=" + value + "'");
        }
        try {
            int id = Integer.parseInt(keyMatch.group(1));
            String[] serverAndClient = value.trim().split(";", -1);
            if (serverAndClient.length > 2) {
                throw new IllegalArgumentException("more than one ';'");
            }
            String[] parts = serverAndClient[0].split(":", -1);
            if (parts.length < 3 || parts.length > 4 || serverAndClient[0].contains("|")) {
                throw new IllegalArgumentException("expected host:quorumPort:electionPort[:role]");
            }
            String host = host(parts[0]);
            Role role = parts.length == 4 ? Role.parse(parts[3]) : Role.PARTICIPANT;
            String clientHost = null;
            int clientPort = 0;
            if (serverAndClient.length == 2) {
                String client = serverAndClient[1].trim();
                int colon = client.lastIndexOf(':');
                if (colon >= 0) {
                    clientHost = host(client.substring(0, colon));
                    client = client.substring(colon + 1);
                }
                clientPort = port(client);
            }
            return new ServerLine(id, host, port(parts[1]), port(parts[2]), role, clientHost, clientPort);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot parse '" + key.trim() + "=" + value.trim() + "': " + e.getMessage(), e);
        }
    }

    /** The {@code server.N} key. */
    public String key() {
        return "server." + id;
    }

    /** The value after {@code server.N=}, in ZooKeeper's own spelling. */
    public String value() {
        StringBuilder text = new StringBuilder()
            .append(host).append(':').append(quorumPort).append(':').append(electionPort).append(':').append(role.configName());
        if (clientPort > 0) {
            text.append(';');
            if (clientHost != null) {
                text.append(clientHost).append(':');
            }
            text.append(clientPort);
        }
        return text.toString();
    }

    /** {@code server.N=value}, the form a reconfig's joining list and a dynamic file take. */
    public String line() {
        return key() + "=" + value();
    }

    public ServerLine withRole(Role newRole) {
        return new ServerLine(id, host, quorumPort, electionPort, newRole, clientHost, clientPort);
    }

    private static String host(String text) {
        String host = text.trim();
        if (!isValidHost(host)) {
            throw new IllegalArgumentException("bad host '" + text + "'");
        }
        return host;
    }

    private static int port(String text) {
        int port = Integer.parseInt(text.trim());
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }
}
